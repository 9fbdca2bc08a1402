// Linear regression with StaticNets, after the reference report "Redes Neuronales Básicas":
// learn f(x1, x2) = 13·x1 + 7·x2 − 12 from noisy samples by full-batch gradient descent.
//
// Usage: dotnet run -c Release --project examples/LinearRegression [-- observations]
//        observations defaults to 1000; the report also tries 100000 and 1000000.
// Exit code: 0 if w1, w2 and b each end within 0.05 of 13, 7 and −12; 1 if not; 2 on a bad argument.

using System;
using System.Diagnostics;
using LinearRegression;
using StaticNets;

// ---------------------------------------------------------------------------------------------
// 1. The problem: the true function the network should discover.
// ---------------------------------------------------------------------------------------------
const float TrueW1 = 13f, TrueW2 = 7f, TrueB = -12f;
const float Tolerance = 0.05f;   // how close each learned parameter must come to the truth
const int Epochs = 500;          // full passes over the data; one gradient step each
const int ReportEvery = 50;      // print the loss this often
const ulong DataSeed = 2024;     // fixes the samples, so every run prints the same numbers
const int NetworkSeed = 1;       // fixes the initial weights

int observations = 1000;
if (args.Length > 0 && (!int.TryParse(args[0], out observations) || observations < 1))
{
    Console.Error.WriteLine($"usage: LinearRegression [observations]   (a positive integer, got '{args[0]}')");
    return 2;
}

// ---------------------------------------------------------------------------------------------
// 2. The data: x1, x2 uniform in [−10, 10], plus noise uniform in [−1, 1] on every target.
//    Inputs are stored row-major, (observations, 2): x1 and x2 of sample s at [2s] and [2s + 1].
//    Targets are (observations, 1). This is the layout every StaticNets network reads.
// ---------------------------------------------------------------------------------------------
var random = new SeededRandom(DataSeed);
var inputs = new float[observations * LinearModel.InputSize];
var targets = new float[observations * LinearModel.OutputSize];
for (int s = 0; s < observations; s++)
{
    float x1 = Uniform(random, -10f, 10f);
    float x2 = Uniform(random, -10f, 10f);
    float noise = Uniform(random, -1f, 1f);
    inputs[2 * s] = x1;
    inputs[2 * s + 1] = x2;
    targets[s] = TrueW1 * x1 + TrueW2 * x2 + TrueB + noise;
}

// ---------------------------------------------------------------------------------------------
// 3. The model: starts from small random weights (Glorot uniform) and a zero bias.
//    Full-batch gradient descent feeds all observations as one batch, so the workspace must hold
//    them all: the attribute's MaxBatchSize = 1000 covers the default, and a larger data set
//    gets a workspace of its own size through the constructor.
// ---------------------------------------------------------------------------------------------
var model = new LinearModel(seed: NetworkSeed, maxBatchSize: Math.Max(observations, LinearModel.DefaultMaxBatchSize));
Console.WriteLine($"Learning f(x1, x2) = {TrueW1}·x1 + {TrueW2}·x2 + ({TrueB}) from {observations:N0} noisy observations");
Console.WriteLine($"model: {LinearModel.Architecture}, mean squared error, SGD, learning rate {model.LearningRate}, full batch");
PrintParameters("initial", model.Parameters);

// ---------------------------------------------------------------------------------------------
// 4. Training. Each TrainBatch call is one step of gradient descent over the whole data set:
//      forward:  ŷ = w1·x1 + w2·x2 + b for every sample
//      loss:     L = mean((ŷ − y)²)                      (returned, measured before the update)
//      backward: ∂L/∂w1 = mean(2(ŷ − y)·x1), ∂L/∂w2 = mean(2(ŷ − y)·x2), ∂L/∂b = mean(2(ŷ − y))
//      update:   θ ← θ − learningRate · ∂L/∂θ
//    With noise uniform in [−1, 1] the loss cannot go below the noise variance, 1/3 ≈ 0.333.
// ---------------------------------------------------------------------------------------------
var clock = Stopwatch.StartNew();
float loss = float.NaN;
for (int epoch = 1; epoch <= Epochs; epoch++)
{
    loss = model.TrainBatch(inputs, targets);
    if (!float.IsFinite(loss))
    {
        // A learning rate that is too large makes the steps grow instead of shrink (the report shows
        // weights of 1e151); stop at once rather than print nonsense.
        Console.WriteLine($"epoch {epoch,4}: loss {loss} — training diverged; try a smaller learning rate");
        return 1;
    }

    if (epoch == 1 || epoch % ReportEvery == 0)
    {
        Console.WriteLine($"epoch {epoch,4}: loss {loss,12:F6}");
    }
}

clock.Stop();
Console.WriteLine($"trained {Epochs} epochs in {clock.Elapsed.TotalSeconds:F2} s");

// ---------------------------------------------------------------------------------------------
// 5. The result: the parameters are [w1, w2, b] (the (2, 1) weight matrix, then the bias).
// ---------------------------------------------------------------------------------------------
//    Next to them, the exact least-squares fit of the same data (computed directly, in double): the best
//    any training can do on this noisy sample. Gradient descent should land on it; what remains between it
//    and the truth is the noise, and it shrinks as the number of observations grows.
ReadOnlySpan<float> learned = model.Parameters;
double[] best = LeastSquares(inputs, targets);
Console.WriteLine();
Console.WriteLine("parameter   learned      true   difference   least squares");
bool solved = true;
solved &= Compare("w1", learned[0], TrueW1, best[0]);
solved &= Compare("w2", learned[1], TrueW2, best[1]);
solved &= Compare("b", learned[2], TrueB, best[2]);

// A last check on unseen points: the model's prediction against the noise-free truth.
Span<float> prediction = stackalloc float[LinearModel.OutputSize];
Console.WriteLine();
foreach ((float x1, float x2) in new[] { (1f, 1f), (-5f, 3f), (10f, -10f) })
{
    model.Predict([x1, x2], prediction);
    Console.WriteLine($"f({x1,3}, {x2,3}) = {TrueW1 * x1 + TrueW2 * x2 + TrueB,8:F3}   model: {prediction[0],8:F3}");
}

Console.WriteLine();
Console.WriteLine(solved
    ? $"solved: every parameter is within {Tolerance} of the truth"
    : $"not solved: some parameter is more than {Tolerance} from the truth");
return solved ? 0 : 1;

// A float uniformly distributed in [min, max).
static float Uniform(SeededRandom random, float min, float max) => min + (max - min) * random.NextSingle();

static void PrintParameters(string label, ReadOnlySpan<float> p) =>
    Console.WriteLine($"{label}: w1 = {p[0]:F4}, w2 = {p[1]:F4}, b = {p[2]:F4}");

static bool Compare(string name, float learned, float truth, double leastSquares)
{
    float difference = learned - truth;
    bool close = MathF.Abs(difference) <= Tolerance;
    Console.WriteLine(
        $"{name,-9} {learned,9:F4} {truth,9:F4} {difference,12:+0.0000;-0.0000;0.0000} {leastSquares,15:F4}   {(close ? "ok" : "TOO FAR")}");
    return close;
}

// The ordinary least-squares fit [w1, w2, b]: solves the normal equations (XᵀX)·θ = Xᵀy, where each row of X
// is (x1, x2, 1), by Cramer's rule on the 3×3 system.
static double[] LeastSquares(float[] inputs, float[] targets)
{
    var a = new double[3, 3];
    var r = new double[3];
    for (int s = 0; s < targets.Length; s++)
    {
        double[] row = [inputs[2 * s], inputs[2 * s + 1], 1.0];
        for (int i = 0; i < 3; i++)
        {
            r[i] += row[i] * targets[s];
            for (int j = 0; j < 3; j++)
            {
                a[i, j] += row[i] * row[j];
            }
        }
    }

    double det = Determinant(a);
    var solution = new double[3];
    for (int k = 0; k < 3; k++)
    {
        var replaced = (double[,])a.Clone();
        for (int i = 0; i < 3; i++)
        {
            replaced[i, k] = r[i];
        }

        solution[k] = Determinant(replaced) / det;
    }

    return solution;
}

static double Determinant(double[,] m) =>
    m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
    - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
    + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);

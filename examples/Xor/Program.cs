using System;
using Xor;

// The four XOR cases, one row each, and their targets.
float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] targets = [0, 1, 1, 0];

var net = new XorNet(seed: 1);
for (int epoch = 1; epoch <= 2000; epoch++)
{
    float loss = net.TrainBatch(inputs, targets);
    if (epoch % 400 == 0)
    {
        Console.WriteLine($"epoch {epoch,4}: loss {loss:F6}");
    }
}

Span<float> output = stackalloc float[XorNet.OutputSize];
int correct = 0;
for (int k = 0; k < 4; k++)
{
    net.Predict(inputs.AsSpan(2 * k, 2), output);
    bool predicted = output[0] > 0.5f;
    correct += predicted == (targets[k] > 0.5f) ? 1 : 0;
    Console.WriteLine($"{inputs[2 * k]} xor {inputs[2 * k + 1]} = {output[0]:F4} -> {(predicted ? 1 : 0)}");
}

Console.WriteLine($"accuracy: {correct}/4");
return correct == 4 ? 0 : 1;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using StaticNets.Generators.Models;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;
using static StaticNets.Generators.Models.ActivationKind;

namespace StaticNets.Generators.Tests.Emit;

/// <summary>
/// The training toolkit in the emitters, on models built by hand: the optimizer's fused Step and its state, the loss
/// in Backward, L1/L2 penalties, dropout layers, activation parameters and the optimizer name in model files.
/// </summary>
public sealed class TrainingEmitterTests
{
    private static OptimizerSettings Defaults(OptimizerKind kind) => TestModels.PyTorchDefaults(kind);

    /// <summary>Optimizer cases: the optimizer, its effective settings, and the state buffers Step must keep, in order.</summary>
    private static readonly Dictionary<string, (OptimizerKind Kind, OptimizerSettings Settings, string[] State)> Optimizers = new()
    {
        ["Sgd"] = (OptimizerKind.Sgd, Defaults(OptimizerKind.Sgd), []),
        ["SgdWithWeightDecay"] = (OptimizerKind.Sgd, Defaults(OptimizerKind.Sgd) with { WeightDecay = 1e-3f }, []),
        ["SgdWithMomentum"] = (OptimizerKind.Sgd, Defaults(OptimizerKind.Sgd) with { Momentum = 0.9f }, ["buffer"]),
        ["Momentum"] = (OptimizerKind.Momentum, Defaults(OptimizerKind.Momentum), ["buffer"]),
        ["MomentumOfZero"] = (OptimizerKind.Momentum, Defaults(OptimizerKind.Momentum) with { Momentum = 0f }, []),
        ["MomentumWithDampeningAndWeightDecay"] = (OptimizerKind.Momentum, Defaults(OptimizerKind.Momentum) with { Dampening = 0.5f, WeightDecay = 1e-3f }, ["buffer"]),
        ["Nesterov"] = (OptimizerKind.Nesterov, Defaults(OptimizerKind.Nesterov), ["buffer"]),
        ["Adagrad"] = (OptimizerKind.Adagrad, Defaults(OptimizerKind.Adagrad), ["sum"]),
        ["AdagradWithDecayAndInitialAccumulator"] = (OptimizerKind.Adagrad, Defaults(OptimizerKind.Adagrad) with { LearningRateDecay = 0.01f, InitialAccumulatorValue = 0.1f, WeightDecay = 1e-3f }, ["sum"]),
        ["Adadelta"] = (OptimizerKind.Adadelta, Defaults(OptimizerKind.Adadelta), ["squareAverage", "deltaAverage"]),
        ["RMSprop"] = (OptimizerKind.RMSprop, Defaults(OptimizerKind.RMSprop), ["squareAverage"]),
        ["RMSpropCentered"] = (OptimizerKind.RMSprop, Defaults(OptimizerKind.RMSprop) with { Centered = true }, ["squareAverage", "gradientAverage"]),
        ["RMSpropWithMomentum"] = (OptimizerKind.RMSprop, Defaults(OptimizerKind.RMSprop) with { Momentum = 0.9f }, ["squareAverage", "buffer"]),
        ["RMSpropCenteredWithMomentum"] = (OptimizerKind.RMSprop, Defaults(OptimizerKind.RMSprop) with { Centered = true, Momentum = 0.9f }, ["squareAverage", "gradientAverage", "buffer"]),
        ["Adam"] = (OptimizerKind.Adam, Defaults(OptimizerKind.Adam), ["m", "v"]),
        ["AdamAmsGrad"] = (OptimizerKind.Adam, Defaults(OptimizerKind.Adam) with { AmsGrad = true }, ["m", "v", "vMax"]),
        ["AdamWithWeightDecay"] = (OptimizerKind.Adam, Defaults(OptimizerKind.Adam) with { WeightDecay = 1e-3f }, ["m", "v"]),
        ["AdamW"] = (OptimizerKind.AdamW, Defaults(OptimizerKind.AdamW), ["m", "v"]),
        ["AdamWAmsGrad"] = (OptimizerKind.AdamW, Defaults(OptimizerKind.AdamW) with { AmsGrad = true }, ["m", "v", "vMax"]),
        ["AdamWWithoutWeightDecay"] = (OptimizerKind.AdamW, Defaults(OptimizerKind.AdamW) with { WeightDecay = 0f }, ["m", "v"]),
    };

    public static TheoryData<string> OptimizerCases => new(Optimizers.Keys);

    /// <summary>3 -> 4 tanh -> 2: 26 parameters, so Step's passes are short and unrolled.</summary>
    private static NetworkModel Small(string optimizerCase) =>
        TestModels.Network(3, [(4, Tanh), (2, Linear)], optimizer: Optimizers[optimizerCase].Kind, settings: Optimizers[optimizerCase].Settings);

    /// <summary>3 -> 40 tanh -> 2: 242 parameters, more than 8 vectors at every width, so Step loops and then has a tail.</summary>
    private static NetworkModel Looped(string optimizerCase) =>
        TestModels.Network(3, [(40, Tanh), (2, Linear)], optimizer: Optimizers[optimizerCase].Kind, settings: Optimizers[optimizerCase].Settings);

    private static string Step(NetworkModel model) => GeneratedCode.Method(Emitted.File(model, ".Step.g.cs"), "Step");

    private static string Remarks(NetworkModel model) =>
        Regex.Match(Emitted.File(model, ".Step.g.cs"), @"/// <remarks>(.*)</remarks>\n\s*public void Step\(\)").Groups[1].Value;

    // ---------------------------------------------------------------- Step

    [Theory]
    [MemberData(nameof(OptimizerCases))]
    public void EveryOptimizerCompilesShortAndLooped(string optimizerCase)
    {
        Emitted.AssertCompiles(Small(optimizerCase));
        Emitted.AssertCompiles(Looped(optimizerCase));
    }

    [Theory]
    [InlineData("Sgd", "Plain SGD, as torch.optim.SGD without momentum: θ = θ - lr·g.")]
    [InlineData("SgdWithWeightDecay", "Plain SGD, as torch.optim.SGD without momentum: g = g + λθ; θ = θ - lr·g.")]
    [InlineData("MomentumOfZero", "Plain SGD, as torch.optim.SGD without momentum: θ = θ - lr·g.")]
    [InlineData("SgdWithMomentum", "SGD with momentum, as torch.optim.SGD: b = μb + (1 - dampening)g (b = g on the first step); g = b; θ = θ - lr·g.")]
    [InlineData("Momentum", "SGD with momentum, as torch.optim.SGD: b = μb + (1 - dampening)g (b = g on the first step); g = b; θ = θ - lr·g.")]
    [InlineData("MomentumWithDampeningAndWeightDecay", "SGD with momentum, as torch.optim.SGD: g = g + λθ; b = μb + (1 - dampening)g (b = g on the first step); g = b; θ = θ - lr·g.")]
    [InlineData("Nesterov", "SGD with Nesterov momentum, as torch.optim.SGD: b = μb + (1 - dampening)g (b = g on the first step); g = g + μb; θ = θ - lr·g.")]
    [InlineData("Adagrad", "Adagrad, as torch.optim.Adagrad: s = s + g²; θ = θ - lr/(1 + (t - 1)·lr_decay) · g/(√s + ε).")]
    [InlineData("AdagradWithDecayAndInitialAccumulator", "Adagrad, as torch.optim.Adagrad: g = g + λθ; s = s + g²; θ = θ - lr/(1 + (t - 1)·lr_decay) · g/(√s + ε).")]
    [InlineData("Adadelta", "Adadelta, as torch.optim.Adadelta: v = ρv + (1 - ρ)g²; Δ = √(u + ε)/√(v + ε) · g; u = ρu + (1 - ρ)Δ²; θ = θ - lr·Δ.")]
    [InlineData("RMSprop", "RMSprop, as torch.optim.RMSprop: v = αv + (1 - α)g²; d = √v + ε; θ = θ - lr·g/d.")]
    [InlineData("RMSpropCentered", "RMSprop, as torch.optim.RMSprop: v = αv + (1 - α)g²; m = αm + (1 - α)g; d = √(v - m²) + ε; θ = θ - lr·g/d.")]
    [InlineData("RMSpropWithMomentum", "RMSprop, as torch.optim.RMSprop: v = αv + (1 - α)g²; d = √v + ε; b = μb + g/d; θ = θ - lr·b.")]
    [InlineData("RMSpropCenteredWithMomentum", "RMSprop, as torch.optim.RMSprop: v = αv + (1 - α)g²; m = αm + (1 - α)g; d = √(v - m²) + ε; b = μb + g/d; θ = θ - lr·b.")]
    [InlineData("Adam", "Adam, as torch.optim.Adam: m = β₁m + (1 - β₁)g; v = β₂v + (1 - β₂)g²; θ = θ - lr/(1 - β₁ᵗ) · m/(√v/√(1 - β₂ᵗ) + ε).")]
    [InlineData("AdamAmsGrad", "Adam, as torch.optim.Adam: m = β₁m + (1 - β₁)g; v = β₂v + (1 - β₂)g²; v̂ = max(v̂, v); θ = θ - lr/(1 - β₁ᵗ) · m/(√v̂/√(1 - β₂ᵗ) + ε).")]
    [InlineData("AdamWithWeightDecay", "Adam, as torch.optim.Adam: g = g + λθ; m = β₁m + (1 - β₁)g; v = β₂v + (1 - β₂)g²; θ = θ - lr/(1 - β₁ᵗ) · m/(√v/√(1 - β₂ᵗ) + ε).")]
    [InlineData("AdamW", "AdamW, as torch.optim.AdamW: θ = θ·(1 - lr·λ); m = β₁m + (1 - β₁)g; v = β₂v + (1 - β₂)g²; θ = θ - lr/(1 - β₁ᵗ) · m/(√v/√(1 - β₂ᵗ) + ε).")]
    [InlineData("AdamWAmsGrad", "AdamW, as torch.optim.AdamW: θ = θ·(1 - lr·λ); m = β₁m + (1 - β₁)g; v = β₂v + (1 - β₂)g²; v̂ = max(v̂, v); θ = θ - lr/(1 - β₁ᵗ) · m/(√v̂/√(1 - β₂ᵗ) + ε).")]
    public void StepRemarksGiveTheOptimizersUpdate(string optimizerCase, string formula)
    {
        // The update as torch.optim documents it. With AMSGrad the denominator uses the running maximum v̂; without it,
        // v itself (v̂ is then never defined). Optimizers with state that decays (all but Adagrad's growing sum and
        // stateless SGD) say that it is flushed to zero below the normal floats.
        bool decays = Optimizers[optimizerCase].State.Length > 0 && Optimizers[optimizerCase].Kind != OptimizerKind.Adagrad;
        string flush = decays ? " Decaying state that falls below 2⁻¹²⁶ is stored as 0 (<see cref=\"Subnormals\"/>)." : string.Empty;
        Assert.Equal(formula + flush, Remarks(Small(optimizerCase)));
    }

    [Theory]
    [MemberData(nameof(OptimizerCases))]
    public void OptimizerStateIsTheBuffersTheOptimizerNeedsTimesTheParameterCount(string optimizerCase)
    {
        NetworkModel model = Small(optimizerCase);
        string[] state = Optimizers[optimizerCase].State;
        string main = Emitted.File(model, ".g.cs");
        string step = Step(model);

        // OptimizerStateSize = k * ParameterCount with k the number of state buffers; no state at all for plain SGD.
        if (state.Length == 0)
        {
            Assert.DoesNotContain("OptimizerStateSize", main, StringComparison.Ordinal);
            Assert.DoesNotContain("_optimizerState", main + step, StringComparison.Ordinal);
            Assert.Contains("OptimizerName, _step, default);", main, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"private const int OptimizerStateSize = {state.Length} * ParameterCount;", main, StringComparison.Ordinal);
            Assert.Contains("_optimizerState = new global::StaticNets.AlignedBuffer(OptimizerStateSize);", main, StringComparison.Ordinal);
            Assert.Equal(4, GeneratedCode.Count(main, "OptimizerName, _step, _optimizerState.Span);")); // Save and Load, stream and path
        }

        // Step binds exactly those buffers, in order, each ParameterCount floats after the previous one.
        MatchCollection bound = Regex.Matches(step, @"ref float (\w+) = ref ([^;]*_optimizerState[^;]*);");
        Assert.Equal(state, bound.Select(static m => m.Groups[1].Value));
        for (int k = 0; k < bound.Count; k++)
        {
            Assert.Equal(k > 0, bound[k].Groups[2].Value.Contains($", {k} * ParameterCount)", StringComparison.Ordinal));
        }

        string[] unused = ["buffer", "sum", "squareAverage", "deltaAverage", "gradientAverage", "m", "v", "vMax"];
        foreach (string name in unused.Except(state))
        {
            Assert.DoesNotMatch($@"\bref {name}\b", step);
        }
    }

    [Theory]
    [InlineData("Sgd", 0)]
    [InlineData("SgdWithMomentum", 1)]
    [InlineData("Momentum", 1)]
    [InlineData("Nesterov", 1)]
    [InlineData("Adagrad", 1)]
    [InlineData("Adadelta", 2)]
    [InlineData("RMSprop", 1)]
    [InlineData("RMSpropCentered", 2)]
    [InlineData("RMSpropWithMomentum", 2)]
    [InlineData("RMSpropCenteredWithMomentum", 3)]
    [InlineData("Adam", 2)]
    [InlineData("AdamAmsGrad", 3)]
    [InlineData("AdamW", 2)]
    [InlineData("AdamWAmsGrad", 3)]
    public void StateBuffersPerParameterFollowTorchOptim(string optimizerCase, int buffers)
    {
        Assert.Equal(buffers, Optimizers[optimizerCase].State.Length);
        string main = Emitted.File(Small(optimizerCase), ".g.cs");
        Assert.Equal(buffers > 0, main.Contains($"// {Optimizers[optimizerCase].Kind} keeps {buffers} value(s) per parameter:", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(OptimizerCases))]
    public void WeightDecayIsAppliedOnlyWhenSetAndAdamWDecaysTheParameters(string optimizerCase)
    {
        (OptimizerKind kind, OptimizerSettings settings, _) = Optimizers[optimizerCase];
        string step = Step(Small(optimizerCase));
        bool decay = settings.WeightDecay > 0f;

        Assert.Equal(decay, step.Contains($"const float weightDecay = {settings.WeightDecay.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}f;", StringComparison.Ordinal));
        Assert.Equal(decay, step.Contains("weightDecay", StringComparison.Ordinal));
        bool coupled = decay && kind != OptimizerKind.AdamW;
        bool decoupled = decay && kind == OptimizerKind.AdamW;

        // Coupled: the gradient becomes g + λθ. Decoupled (AdamW): θ is scaled by 1 - lr·λ and the gradient is untouched.
        Assert.Equal(coupled, step.Contains("var gv = MathF.FusedMultiplyAdd(pv, weightDecay, Unsafe.Add(ref g, (nuint)k));", StringComparison.Ordinal));
        Assert.Equal(decoupled, step.Contains("float parameterDecay = 1f - lr * weightDecay;", StringComparison.Ordinal));
        Assert.Equal(decoupled, step.Contains("var pv = Unsafe.Add(ref p, (nuint)k) * parameterDecay;", StringComparison.Ordinal));
    }

    [Fact]
    public void MomentumCopiesTheGradientIntoTheBufferOnTheFirstStep()
    {
        string step = Step(Small("MomentumWithDampeningAndWeightDecay"));

        Assert.Contains("int step = ++_step;", step, StringComparison.Ordinal);
        Assert.Contains("const float momentum = 0.9f, dampening = 0.5f;", step, StringComparison.Ordinal);
        Assert.Contains("float bufferDecay = step == 1 ? 0f : momentum;", step, StringComparison.Ordinal);
        Assert.Contains("float gradientScale = step == 1 ? 1f : 1f - dampening;", step, StringComparison.Ordinal);
        Assert.Contains("var bv = Subnormals.FlushToZero(MathF.FusedMultiplyAdd(Unsafe.Add(ref buffer, (nuint)k), bufferDecay, gv * gradientScale));", step, StringComparison.Ordinal);
        Assert.Contains("var updated = MathF.FusedMultiplyAdd(bv, -lr, pv);", step, StringComparison.Ordinal);
        Assert.Contains("Unsafe.Add(ref p, (nuint)k) = updated;", step, StringComparison.Ordinal);
    }

    [Fact]
    public void NesterovStepsAlongTheGradientPlusTheDecayedBuffer()
    {
        string step = Step(Small("Nesterov"));

        Assert.Contains("var updated = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(bv, momentum, gv), -lr, pv);", step, StringComparison.Ordinal);
    }

    [Fact]
    public void AdagradDecaysTheLearningRateAndFillsTheInitialAccumulator()
    {
        NetworkModel model = Small("AdagradWithDecayAndInitialAccumulator");
        string step = Step(model);
        string main = Emitted.File(model, ".g.cs");

        Assert.Contains("const float learningRateDecay = 0.01f, epsilon = 1E-10f;", step, StringComparison.Ordinal);
        Assert.Contains("float clr = lr / (1f + (step - 1) * learningRateDecay);", step, StringComparison.Ordinal);
        Assert.Contains("_optimizerState.Span.Fill(0.1f); // Adagrad's initial_accumulator_value", main, StringComparison.Ordinal);
        Assert.DoesNotContain("_optimizerState.Span.Fill(", Emitted.File(Small("Adagrad"), ".g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void AdamCorrectsItsBiasesInDoubleFromTheStepCount()
    {
        string step = Step(Small("Adam"));

        Assert.Contains("const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1E-08f;", step, StringComparison.Ordinal);
        Assert.Contains("float stepSize = (float)(lr / (1.0 - global::System.Math.Pow(beta1, step)));", step, StringComparison.Ordinal);
        Assert.Contains("float inverseCorrection2Sqrt = (float)(1.0 / global::System.Math.Sqrt(1.0 - global::System.Math.Pow(beta2, step)));", step, StringComparison.Ordinal);
        Assert.Contains("var denominator = MathF.Sqrt(vv) * inverseCorrection2Sqrt + epsilon;", step, StringComparison.Ordinal);
    }

    [Fact]
    public void AmsGradKeepsTheRunningMaximumButStoresTheRawSecondMoment()
    {
        // As torch.optim.Adam: v is stored before the maximum is taken, and the maximum goes to its own buffer.
        string step = Step(Small("AdamAmsGrad"));
        int storeV = step.IndexOf("Unsafe.Add(ref v, (nuint)k) = vv;", StringComparison.Ordinal);
        int max = step.IndexOf("vv = MathF.Max(Unsafe.Add(ref vMax, (nuint)k), vv);", StringComparison.Ordinal);
        int storeMax = step.IndexOf("Unsafe.Add(ref vMax, (nuint)k) = vv;", StringComparison.Ordinal);

        Assert.True(storeV >= 0 && max > storeV && storeMax > max, $"v at {storeV}, max at {max}, vMax at {storeMax}.");
    }

    [Fact]
    public void CenteredRmsPropSubtractsTheSquaredGradientAverage()
    {
        string step = Step(Small("RMSpropCenteredWithMomentum"));

        Assert.Contains("const float alpha = 0.99f, epsilon = 1E-08f;", step, StringComparison.Ordinal);
        Assert.Contains("const float momentum = 0.9f;", step, StringComparison.Ordinal);
        Assert.Contains("var average = MathF.Sqrt(MathF.FusedMultiplyAdd(-ga, ga, va)) + epsilon;", step, StringComparison.Ordinal);
        Assert.Contains("var bv = Subnormals.FlushToZero(MathF.FusedMultiplyAdd(Unsafe.Add(ref buffer, (nuint)k), momentum, gv / average));", step, StringComparison.Ordinal);
    }

    [Fact]
    public void LoopedStepCoversEveryParameterOnce()
    {
        // 242 parameters: at 16 lanes, 15 full vectors in the loop, then 2 single floats.
        NetworkModel model = Looped("Adam");
        string step = Step(model);

        Assert.Equal(242, model.ParameterCount);
        Assert.Contains("for (nuint o = 0; o < (nuint)(ParameterCount - ParameterCount % 16); o += 16)", step, StringComparison.Ordinal);
        Assert.Contains("// float at 240", step, StringComparison.Ordinal);
        Assert.Contains("// float at 241", step, StringComparison.Ordinal);
        Assert.DoesNotContain("at 242", step, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sgd", "Sgd(momentum=0, dampening=0, weight_decay=0, nesterov=false)")]
    [InlineData("SgdWithMomentum", "Sgd(momentum=0.9, dampening=0, weight_decay=0, nesterov=false)")]
    [InlineData("Momentum", "Momentum(momentum=0.9, dampening=0, weight_decay=0, nesterov=false)")]
    [InlineData("Nesterov", "Nesterov(momentum=0.9, dampening=0, weight_decay=0, nesterov=true)")]
    [InlineData("Adagrad", "Adagrad(lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1E-10)")]
    [InlineData("Adadelta", "Adadelta(rho=0.9, eps=1E-06, weight_decay=0)")]
    [InlineData("RMSpropCenteredWithMomentum", "RMSprop(alpha=0.99, eps=1E-08, weight_decay=0, momentum=0.9, centered=true)")]
    [InlineData("Adam", "Adam(beta1=0.9, beta2=0.999, eps=1E-08, weight_decay=0, amsgrad=false)")]
    [InlineData("AdamWAmsGrad", "AdamW(beta1=0.9, beta2=0.999, eps=1E-08, weight_decay=0.01, amsgrad=true)")]
    public void OptimizerNameGivesTheOptimizerAndItsHyperParameters(string optimizerCase, string name)
    {
        Assert.Contains($"public const string OptimizerName = \"{name}\";", Emitted.File(Small(optimizerCase), ".g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void OptimizerNamesOfDifferentOptimizersAndSettingsDiffer()
    {
        var names = Optimizers.Keys.Select(c => Regex.Match(Emitted.File(Small(c), ".g.cs"), "OptimizerName = \"([^\"]*)\"").Groups[1].Value).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    // ---------------------------------------------------------------- penalties

    /// <summary>Layer 1 dense with L1, 2 dropout, 3 dense without penalty, 4 dense with L2.</summary>
    private static readonly NetworkModel Penalized = TestModels.Network(
        4,
        [LayerSpec.Dense(5, ReLU, l1: 1e-3f), LayerSpec.Dropout(0.5f), LayerSpec.Dense(3, Tanh), LayerSpec.Dense(2, Linear, l2: 1e-2f)]);

    [Fact]
    public void BackwardAppliesThePenaltyOfEachRegularizedLayerOnlyToItsWeights()
    {
        string backward = GeneratedCode.Method(Emitted.File(Penalized, ".Backward.g.cs"), "Backward");

        Assert.Equal(2, GeneratedCode.Count(backward, "RegularizationOperator.Apply("));
        Assert.Contains("penalty += RegularizationOperator.Apply(_parameters.Span.Slice(L1W, L1In * L1Out), _gradients.Span.Slice(L1W, L1In * L1Out), L1L1, L1L2);", backward, StringComparison.Ordinal);
        Assert.Contains("penalty += RegularizationOperator.Apply(_parameters.Span.Slice(L4W, L4In * L4Out), _gradients.Span.Slice(L4W, L4In * L4Out), L4L1, L4L2);", backward, StringComparison.Ordinal);
        Assert.DoesNotContain("L3L1", backward, StringComparison.Ordinal);
        Assert.DoesNotContain("L2L1", backward, StringComparison.Ordinal);
        Assert.Contains("_lastPenalty = penalty;", backward, StringComparison.Ordinal);
        Assert.Contains("return _lastDataLoss + _lastPenalty;", backward, StringComparison.Ordinal);

        // The penalty's gradient is added after every layer has accumulated its own.
        Assert.True(
            backward.IndexOf("Layer1Backward(batch);", StringComparison.Ordinal) < backward.IndexOf("RegularizationOperator", StringComparison.Ordinal),
            "The penalty is applied before the layers' gradients.");
    }

    [Fact]
    public void PenaltyFactorsAreConstantsOfTheRegularizedLayersOnly()
    {
        string main = Emitted.File(Penalized, ".g.cs");

        Assert.Contains("private const float L1L1 = 0.001f, L1L2 = 0f;", main, StringComparison.Ordinal);
        Assert.Contains("private const float L4L1 = 0f, L4L2 = 0.01f;", main, StringComparison.Ordinal);
        Assert.DoesNotContain("L3L1", main, StringComparison.Ordinal);
        Assert.DoesNotContain("L2L1", main, StringComparison.Ordinal);
    }

    [Fact]
    public void UnregularizedBackwardHasNoPenalty()
    {
        NetworkModel model = TestModels.Network(4, [(5, ReLU), (2, Linear)]);
        string backward = GeneratedCode.Method(Emitted.File(model, ".Backward.g.cs"), "Backward");

        Assert.DoesNotContain("RegularizationOperator", backward, StringComparison.Ordinal);
        Assert.Contains("_lastDataLoss = DataLoss(targets, batch);", backward, StringComparison.Ordinal);
        Assert.Contains("_lastPenalty = 0f;", backward, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"L\d+L[12]", Emitted.File(model, ".g.cs"));
    }

    [Fact]
    public void PenalizedNetworkWithDropoutCompiles() => Emitted.AssertCompiles(Penalized);

    // ---------------------------------------------------------------- dropout

    /// <summary>Layer 1 dropout on the inputs, 2 dense, 3 dropout, 4 dense output.</summary>
    private static readonly NetworkModel WithDropout = TestModels.Network(
        4,
        [LayerSpec.Dropout(0.2f), LayerSpec.Dense(6, ReLU), LayerSpec.Dropout(0.5f), LayerSpec.Dense(2, Linear)]);

    [Fact]
    public void PredictSkipsDropoutLayers()
    {
        string predict = GeneratedCode.Method(Emitted.File(WithDropout, ".Forward.g.cs"), "Predict");

        Assert.Equal(["Layer2Forward", "Layer4Forward"], GeneratedCode.Calls(predict, @"^Layer\d+Forward$"));
        Assert.Contains("// layer 1: dropout is the identity at inference", predict, StringComparison.Ordinal);
        Assert.Contains("// layer 3: dropout is the identity at inference", predict, StringComparison.Ordinal);
        Assert.Contains("Layer2Forward(ref x, ref h2, ref h2);", predict, StringComparison.Ordinal);
        Assert.Contains("Layer4Forward(ref h2, ref y, ref y);", predict, StringComparison.Ordinal);

        // Only the dense hidden layer needs scratch: dropout layers need no buffer at inference.
        Assert.Contains("private const int PredictScratch = 6;", Emitted.File(WithDropout, ".g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void ForwardBatchRunsDropoutLayersWithFreshMasks()
    {
        string forward = Emitted.File(WithDropout, ".Forward.g.cs");
        string batch = GeneratedCode.Method(forward, "ForwardBatch");

        Assert.Equal(["Layer1Forward", "Layer2ForwardBatch", "Layer3Forward", "Layer4ForwardBatch"], GeneratedCode.Calls(batch, @"^Layer\d+Forward(Batch)?$"));
        Assert.Contains("Layer1Forward(batch, training);", batch, StringComparison.Ordinal);
        Assert.Contains("Layer3Forward(batch, training);", batch, StringComparison.Ordinal);

        // The dense layers after a dropout layer read its output.
        Assert.Contains("Layer2ForwardBatch(ref _a1.Start, 0, batch);", batch, StringComparison.Ordinal);
        Assert.Contains("Layer4ForwardBatch(ref _a3.Start, 0, batch);", batch, StringComparison.Ordinal);

        string layer3 = GeneratedCode.Method(forward, "Layer3Forward");
        Assert.Contains("ref float x = ref _a2.Start;", layer3, StringComparison.Ordinal);
        Assert.Contains("float keep = _random.NextSingle() < L3Rate ? 0f : L3Scale;", layer3, StringComparison.Ordinal);
        Assert.Contains("Unsafe.Add(ref mask, k) = keep;", layer3, StringComparison.Ordinal);
        Assert.Contains("ref float x = ref _x.Start;", GeneratedCode.Method(forward, "Layer1Forward"), StringComparison.Ordinal);
    }

    [Fact]
    public void DropoutDrawsMasksOnlyWhenTraining()
    {
        string forward = Emitted.File(WithDropout, ".Forward.g.cs");
        string step = Emitted.File(WithDropout, ".Step.g.cs");

        // Forward and TrainBatch train; Evaluate does not, and leaves nothing for Backward.
        Assert.Contains("ForwardBatch(inputs, batch, training: true);", GeneratedCode.Method(forward, "Forward"), StringComparison.Ordinal);
        Assert.Contains("ForwardBatch(inputs, batch, training: true);", GeneratedCode.Method(step, "TrainBatch"), StringComparison.Ordinal);
        string evaluate = GeneratedCode.Method(forward, "Evaluate");
        Assert.Contains("ForwardBatch(inputs, batch, training: false);", evaluate, StringComparison.Ordinal);
        Assert.Contains("float loss = DataLoss(targets, batch);", evaluate, StringComparison.Ordinal);
        Assert.Contains("_batchSize = 0;", evaluate, StringComparison.Ordinal);

        // At inference a dropout layer copies its input, without drawing from the random source.
        string layer3 = GeneratedCode.Method(forward, "Layer3Forward");
        int inference = layer3.IndexOf("_a2.Span.Slice(0, batch * L3Out).CopyTo(_a3.Span);", StringComparison.Ordinal);
        Assert.True(inference >= 0, "Layer 3 does not copy at inference.");
        Assert.True(inference < layer3.IndexOf("NextSingle", StringComparison.Ordinal), "Layer 3 draws a mask before checking for inference.");
        Assert.Contains("_x.Span.Slice(0, batch * L1Out).CopyTo(_a1.Span);", GeneratedCode.Method(forward, "Layer1Forward"), StringComparison.Ordinal);
    }

    [Fact]
    public void DropoutLayersHaveRateScaleAndMaskButNoParameters()
    {
        string main = Emitted.File(WithDropout, ".g.cs");

        Assert.Contains("private const int L1In = 4, L1Out = 4;", main, StringComparison.Ordinal);
        Assert.Contains("private const float L1Rate = 0.2f, L1Scale = 1f / (1f - L1Rate);", main, StringComparison.Ordinal);
        Assert.Contains("private const float L3Rate = 0.5f, L3Scale = 1f / (1f - L3Rate);", main, StringComparison.Ordinal);
        Assert.Contains("private readonly global::StaticNets.AlignedBuffer _a3, _mask3, _dz3;", main, StringComparison.Ordinal);
        Assert.DoesNotContain("L1W", main, StringComparison.Ordinal);
        Assert.DoesNotContain("L3B", main, StringComparison.Ordinal);
        Assert.DoesNotContain("_z1", main, StringComparison.Ordinal);
        Assert.Contains("public const int ParameterCount = 44;", main, StringComparison.Ordinal); // 4*6 + 6 + 6*2 + 2
        Assert.Contains("public const string Architecture = \"Input(4) -> Dropout(0.2) -> Dense(6, ReLU) -> Dropout(0.5) -> Dense(2, Linear)\";", main, StringComparison.Ordinal);
        Assert.Contains("private readonly global::StaticNets.SeededRandom _random; // initialisation and dropout masks", main, StringComparison.Ordinal);
    }

    [Fact]
    public void DropoutBackwardMasksTheGradientIntoThePreviousLayer()
    {
        string backward = Emitted.File(WithDropout, ".Backward.g.cs");

        // Dropout on the inputs has no backward at all, and the dense layer above it computes no input gradient.
        Assert.Equal(["Layer4Backward", "Layer3Backward", "Layer2Backward"], GeneratedCode.Calls(GeneratedCode.Method(backward, "Backward"), @"^Layer\d+Backward$"));
        Assert.DoesNotContain("private void Layer1Backward", backward, StringComparison.Ordinal);
        Assert.DoesNotContain("_dz1", GeneratedCode.LayerBackward(backward, 2), StringComparison.Ordinal);
        string layer3 = GeneratedCode.LayerBackward(backward, 3);
        Assert.Contains("ref float mask = ref _mask3.Start;", layer3, StringComparison.Ordinal);
        Assert.Contains("ref float dy = ref _dz3.Start;", layer3, StringComparison.Ordinal);
        Assert.Contains("ref float dx = ref _dz2.Start;", layer3, StringComparison.Ordinal);
        Assert.Contains("Unsafe.Add(ref dx, k) = Unsafe.Add(ref dy, k) * Unsafe.Add(ref mask, k);", layer3, StringComparison.Ordinal);


        // The dense layer after a dropout layer takes its input from the dropout output.
        Assert.Contains("ref float x = ref _a3.Start; // (batch, L4In)", GeneratedCode.LayerBackward(backward, 4), StringComparison.Ordinal);
    }

    [Fact]
    public void NetworkWithoutDropoutDrawsNoMasks()
    {
        string main = Emitted.File(TestModels.Network(4, [(5, ReLU), (2, Linear)]), ".g.cs");

        Assert.DoesNotContain("_mask", main, StringComparison.Ordinal);
        Assert.Contains("private readonly global::StaticNets.SeededRandom _random; // initialisation\n", main, StringComparison.Ordinal);
    }

    [Fact]
    public void DropoutNetworkCompiles() => Emitted.AssertCompiles(WithDropout);

    // ---------------------------------------------------------------- losses

    [Theory]
    [InlineData(Loss.SoftmaxCrossEntropy, Activation.Softmax, false)]
    [InlineData(Loss.BinaryCrossEntropy, Activation.Sigmoid, false)]
    [InlineData(Loss.MeanSquaredError, Activation.Sigmoid, true)]
    [InlineData(Loss.MeanSquaredError, Activation.Tanh, true)]
    [InlineData(Loss.MeanAbsoluteError, Activation.Tanh, true)]
    [InlineData(Loss.Huber, Activation.Sigmoid, true)]
    [InlineData(Loss.Hinge, Activation.Linear, false)]
    [InlineData(Loss.Logistic, Activation.Linear, false)]
    public void FusedLossesSkipTheOutputActivationsDerivative(Loss lossValue, Activation outputValue, bool derivative)
    {
        var loss = (LossKind)lossValue;
        var output = (ActivationKind)outputValue;
        NetworkModel model = TestModels.Network(3, [(4, Tanh), (2, output)], loss);
        string backward = Emitted.File(model, ".Backward.g.cs");
        string layer2 = GeneratedCode.LayerBackward(backward, 2);

        Assert.Equal(derivative, layer2.Contains(".Derivative(", StringComparison.Ordinal));
        Assert.Contains("TanhOperator.Derivative(", GeneratedCode.LayerBackward(backward, 1), StringComparison.Ordinal);
        bool fused = loss is LossKind.SoftmaxCrossEntropy or LossKind.BinaryCrossEntropy;
        Assert.Equal(fused, layer2.Contains($"(the loss is fused with the {output.ToString().ToLowerInvariant()})", StringComparison.Ordinal));
        Emitted.AssertCompiles(model);
    }

    [Theory]
    [InlineData(Loss.MeanSquaredError, Activation.Linear, "MeanSquaredErrorLoss.Evaluate(_a2.Span.Slice(row, OutputSize), targets.Slice(row, OutputSize), _dz2.Span.Slice(row, OutputSize), scale)", "as PyTorch's MSELoss")]
    [InlineData(Loss.SoftmaxCrossEntropy, Activation.Softmax, "SoftmaxCrossEntropyLoss.Evaluate(_z2.Span.Slice(row, OutputSize), _a2.Span.Slice(row, OutputSize), targets.Slice(row, OutputSize), _dz2.Span.Slice(row, OutputSize), scale)", "Softmax cross-entropy, fused")]
    [InlineData(Loss.MeanAbsoluteError, Activation.Linear, "MeanAbsoluteErrorLoss.Evaluate(_a2.Span.Slice(row, OutputSize), targets.Slice(row, OutputSize), _dz2.Span.Slice(row, OutputSize), scale)", "as PyTorch's L1Loss")]
    [InlineData(Loss.Huber, Activation.Linear, "HuberLoss.Evaluate(_a2.Span.Slice(row, OutputSize), targets.Slice(row, OutputSize), _dz2.Span.Slice(row, OutputSize), scale, 1f)", "Huber loss with delta 1 over batch and outputs, as PyTorch's HuberLoss")]
    [InlineData(Loss.BinaryCrossEntropy, Activation.Sigmoid, "BinaryCrossEntropyLoss.Evaluate(_z2.Span.Slice(row, OutputSize), targets.Slice(row, OutputSize), _dz2.Span.Slice(row, OutputSize), scale)", "as PyTorch's BCEWithLogitsLoss")]
    [InlineData(Loss.Hinge, Activation.Linear, "HingeLoss.Evaluate(_a2.Span.Slice(row, OutputSize), targets.Slice(row, OutputSize), _dz2.Span.Slice(row, OutputSize), scale)", "Hinge loss max(0, 1 - y·f)")]
    [InlineData(Loss.Logistic, Activation.Linear, "LogisticLoss.Evaluate(_a2.Span.Slice(row, OutputSize), targets.Slice(row, OutputSize), _dz2.Span.Slice(row, OutputSize), scale)", "as PyTorch's SoftMarginLoss")]
    public void EachLossIsEvaluatedOnTheRightOutputsAndScaledAsPyTorchsMean(Loss lossValue, Activation outputValue, string call, string remark)
    {
        var loss = (LossKind)lossValue;
        var output = (ActivationKind)outputValue;
        string file = Emitted.File(TestModels.Network(3, [(4, Tanh), (2, output)], loss), ".Backward.g.cs");
        string backward = GeneratedCode.Method(file, "Backward");
        string dataLoss = GeneratedCode.Method(file, "DataLoss");

        Assert.Contains("loss += " + call + ";", dataLoss, StringComparison.Ordinal);
        Assert.Equal(1, GeneratedCode.Count(file, "Loss.Evaluate("));
        Assert.Contains(remark, backward, StringComparison.Ordinal); // Backward's remarks name the loss
        Assert.Contains(
            loss == LossKind.SoftmaxCrossEntropy ? "float scale = 1f / batch;" : "float scale = 1f / (batch * OutputSize);",
            dataLoss,
            StringComparison.Ordinal);
        Assert.Contains("return loss * scale;", dataLoss, StringComparison.Ordinal);
        Assert.Contains("_lastDataLoss = DataLoss(targets, batch);", backward, StringComparison.Ordinal);
    }

    [Fact]
    public void HuberDeltaIsPassedAsALiteral()
    {
        NetworkModel model = TestModels.Network(3, [LayerSpec.Dense(2)], LossKind.Huber, huberDelta: 0.25f);
        string file = Emitted.File(model, ".Backward.g.cs");

        Assert.Contains("OutputSize), scale, 0.25f);", GeneratedCode.Method(file, "DataLoss"), StringComparison.Ordinal);
        Assert.Contains("Huber loss with delta 0.25", GeneratedCode.Method(file, "Backward"), StringComparison.Ordinal);
    }

    public static TheoryData<string> LossNames => new(Enum.GetNames<LossKind>());

    [Theory]
    [MemberData(nameof(LossNames))]
    public void EveryLossCompilesWithDropoutAndPenalties(string lossName)
    {
        LossKind loss = Enum.Parse<LossKind>(lossName);
        ActivationKind output = loss switch
        {
            LossKind.SoftmaxCrossEntropy => Softmax,
            LossKind.BinaryCrossEntropy => Sigmoid,
            LossKind.Hinge or LossKind.Logistic => Linear,
            _ => Tanh,
        };
        NetworkModel model = TestModels.Network(
            5,
            [LayerSpec.Dropout(0.1f), LayerSpec.Dense(7, GELU, l2: 1e-3f), LayerSpec.Dropout(0.3f), LayerSpec.Dense(3, output, l1: 1e-4f)],
            loss,
            optimizer: OptimizerKind.AdamW,
            huberDelta: 2f);

        Emitted.AssertCompiles(model);
    }

    // ---------------------------------------------------------------- activations

    [Fact]
    public void ActivationParametersAreConstantsPassedToTheirOperators()
    {
        NetworkModel model = TestModels.Network(3, [LayerSpec.Dense(4, LeakyReLU, 0.2f), LayerSpec.Dense(5, ELU, 0.5f), LayerSpec.Dense(2)]);
        string main = Emitted.File(model, ".g.cs");
        string forward = Emitted.File(model, ".Forward.g.cs");
        string backward = Emitted.File(model, ".Backward.g.cs");

        Assert.Contains("private const float L1Slope = 0.2f;", main, StringComparison.Ordinal);
        Assert.Contains("private const float L2Alpha = 0.5f;", main, StringComparison.Ordinal);
        Assert.Contains("Input(3) -> Dense(4, LeakyReLU(0.2)) -> Dense(5, ELU(0.5)) -> Dense(2, Linear)", main, StringComparison.Ordinal);
        Assert.Contains("LeakyReLUOperator.Forward(acc0, L1Slope)", GeneratedCode.Method(forward, "Layer1Forward"), StringComparison.Ordinal);
        Assert.Contains("EluOperator.Forward(acc0, L2Alpha)", GeneratedCode.Method(forward, "Layer2Forward"), StringComparison.Ordinal);
        Assert.Contains(", L1Slope)", GeneratedCode.LayerBackward(backward, 1), StringComparison.Ordinal);
        Assert.Contains(", L2Alpha)", GeneratedCode.LayerBackward(backward, 2), StringComparison.Ordinal);
        Emitted.AssertCompiles(model);
    }

    [Fact]
    public void GeluAndSiluUseTheirOperatorsAndGlorotInitialisation()
    {
        NetworkModel model = TestModels.Network(3, [(4, GELU), (5, SiLU), (2, Linear)]);
        string main = Emitted.File(model, ".g.cs");
        string forward = Emitted.File(model, ".Forward.g.cs");
        string backward = Emitted.File(model, ".Backward.g.cs");

        Assert.Contains("GeluOperator.Forward(", GeneratedCode.Method(forward, "Layer1Forward"), StringComparison.Ordinal);
        Assert.Contains("SiluOperator.Forward(", GeneratedCode.Method(forward, "Layer2Forward"), StringComparison.Ordinal);
        Assert.Contains("GeluOperator.Derivative(", GeneratedCode.LayerBackward(backward, 1), StringComparison.Ordinal);
        Assert.Contains("SiluOperator.Derivative(", GeneratedCode.LayerBackward(backward, 2), StringComparison.Ordinal);
        Assert.Contains("global::StaticNets.Initializers.GlorotUniform(_parameters.Span.Slice(L1W, L1In * L1Out), L1In, L1Out, _random); // layer 1, GELU", main, StringComparison.Ordinal);
        Assert.Contains("global::StaticNets.Initializers.GlorotUniform(_parameters.Span.Slice(L2W, L2In * L2Out), L2In, L2Out, _random); // layer 2, SiLU", main, StringComparison.Ordinal);
        Assert.DoesNotContain("L1Slope", main, StringComparison.Ordinal);
        Emitted.AssertCompiles(model);
    }

    // ---------------------------------------------------------------- members

    [Fact]
    public void TrainingMembersAreGenerated()
    {
        NetworkModel model = Small("Adam");
        SortedSet<string> members = Emitted.MemberNames(model);

        Assert.Superset(
            new SortedSet<string>(StringComparer.Ordinal)
            {
                "LastDataLoss", "LastRegularizationLoss", "StepCount", "OptimizerName", "OptimizerStateSize", "DefaultLearningRate",
                "_step", "_lastDataLoss", "_lastPenalty", "_optimizerState", "Step", "TrainBatch", "ZeroGradients", "Save", "Load",
                "Evaluate", "LastOutputs", "DataLoss",
            },
            members);
        Assert.Contains("public const float DefaultLearningRate = 0.01f;", Emitted.File(model, ".g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryGeneratedMemberNameIsOneANetworkCannotBeCalled()
    {
        // A network using everything: dropout, penalties, activation parameters, optimizer state, and a hidden layer
        // wide enough for the per-thread Predict buffer. Every name the emitters declare must be one SN0010 reports.
        NetworkModel model = TestModels.Network(
            2,
            [LayerSpec.Dropout(0.1f), LayerSpec.Dense(NetworkEmitterMaxStackFloats + 1, LeakyReLU, l1: 1e-3f), LayerSpec.Dropout(0.2f), LayerSpec.Dense(3, ELU, l2: 1e-3f), LayerSpec.Dense(1)],
            optimizer: OptimizerKind.Adam,
            settings: Defaults(OptimizerKind.Adam) with { AmsGrad = true });
        SortedSet<string> members = Emitted.MemberNames(model);

        Assert.Superset(new SortedSet<string>(StringComparer.Ordinal) { "t_predictBuffer", "_mask1", "_mask3", "L1Rate", "L3Scale", "L2Slope", "L4Alpha", "L2L1", "L4L2", "_optimizerState", "PredictScratch" }, members);
        Assert.All(members, static name => Assert.True(GeneratedMemberNames.Clashes(name), $"'{name}' is generated but a network may be named so."));
    }

    private const int NetworkEmitterMaxStackFloats = StaticNets.Generators.Emit.NetworkEmitter.MaxStackFloats;
}

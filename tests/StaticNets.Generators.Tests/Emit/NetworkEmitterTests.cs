using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNets.Generators.Emit;
using StaticNets.Generators.Emit.Layers;
using StaticNets.Generators.Models;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;
using static StaticNets.Generators.Models.ActivationKind;

namespace StaticNets.Generators.Tests.Emit;

/// <summary>The emitters on models built by hand: no parser, no driver. Structural facts, and two snapshots.</summary>
public sealed class NetworkEmitterTests
{
    /// <summary>3 -> 300 ReLU -> 300 tanh -> 1 sigmoid: wider than 8 vectors of any width, so blocks and loops appear.</summary>
    private static readonly NetworkModel Wide = TestModels.Network(3, [(300, ReLU), (300, Tanh), (1, Sigmoid)]);

    private static readonly Dictionary<string, NetworkModel> Cases = new()
    {
        ["Tiny"] = TestModels.Network(2, [(4, Tanh), (1, Sigmoid)]),
        ["Wide"] = Wide,
        ["OneWide"] = TestModels.Network(1, [(1, Tanh), (1, Linear)]),
        ["OddSizes"] = TestModels.Network(37, [(13, LeakyReLU), (7, Softmax)], LossKind.SoftmaxCrossEntropy),
        ["SixteenInputsUnrolled"] = TestModels.Network(16, [(5, ELU), (2, Softplus)]),
        ["SeventeenInputsLooped"] = TestModels.Network(17, [(5, ELU), (2, Softplus)]),
        ["SingleLayer"] = TestModels.Network(4, [(2, Linear)]),
        ["EveryActivation"] = TestModels.Network(3, [(5, Linear), (6, Sigmoid), (4, Tanh), (9, ReLU), (5, LeakyReLU), (4, ELU), (6, Softplus), (5, GELU), (4, SiLU), (3, Softmax)], LossKind.SoftmaxCrossEntropy),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    /// <summary>Every loss x keyword x placement (global namespace, namespace, nested in three kinds of type).</summary>
    public static TheoryData<string, string, string> OptionCombinations
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (string loss in Enum.GetNames<LossKind>())
            {
                foreach (string keyword in new[] { "class", "record" })
                {
                    foreach (string placement in Placements.Keys)
                    {
                        data.Add(loss, keyword, placement);
                    }
                }
            }

            return data;
        }
    }

    private static readonly Dictionary<string, (string Namespace, ContainingTypeModel[] Containing)> Placements = new()
    {
        ["GlobalNamespace"] = (string.Empty, []),
        ["Namespace"] = ("Models.Deep", []),
        ["Nested"] = ("Models", [new("struct", "Outer"), new("record", "Middle"), new("class", "Inner")]),
        ["NestedInGlobalNamespace"] = (string.Empty, [new("interface", "IOuter"), new("record struct", "Inner")]),
    };

    [Theory]
    [MemberData(nameof(OptionCombinations))]
    public void EveryOptionCombinationCompiles(string lossName, string keyword, string placement)
    {
        LossKind loss = Enum.Parse<LossKind>(lossName);
        (string ns, ContainingTypeModel[] containing) = Placements[placement];
        ActivationKind output = OutputFor(loss);
        NetworkModel model = TestModels.Network(5, [(6, ReLU), (3, output)], loss, ns, "Net", keyword, containing);

        AssertCompiles(model);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void EveryShapeCompiles(string name) => AssertCompiles(Cases[name]);

    [Fact]
    public Task WideLayersInANestedRecordMatchSnapshot()
    {
        NetworkModel model = Wide with
        {
            TypeKeyword = "record",
            ContainingTypes = new EquatableArray<ContainingTypeModel>([new("struct", "Outer")]),
        };
        return Snapshot.Verify(SnapshotFiles(model));
    }

    [Fact]
    public Task OneWideLayersInTheGlobalNamespaceMatchSnapshot()
    {
        NetworkModel model = Cases["OneWide"] with { Namespace = string.Empty };
        return Snapshot.Verify(SnapshotFiles(model));
    }

    [Theory]
    [InlineData("Models", "Models.Net")]
    [InlineData("", "Net")]
    [InlineData("Models.Deep", "Models.Deep.Net")]
    public void HintNamesAreTheFullNameAndTheFileRole(string ns, string fullName)
    {
        NetworkModel model = Cases["Tiny"] with { Namespace = ns };

        Assert.Equal(fullName, model.FullName);
        Assert.Equal(
            [fullName + ".g.cs", fullName + ".Forward.g.cs", fullName + ".Backward.g.cs", fullName + ".Step.g.cs"],
            NetworkEmitter.EmitAll(model).Select(f => model.FullName + f.Suffix));
    }

    [Fact]
    public void HintNamesOfANestedNetworkNameEveryContainingType()
    {
        NetworkModel model = Cases["Tiny"] with
        {
            ContainingTypes = new EquatableArray<ContainingTypeModel>([new("class", "Outer"), new("struct", "Inner")]),
        };

        Assert.Equal("Models.Outer.Inner.Net", model.FullName);
    }

    [Fact]
    public void ForwardAndPredictCallEveryLayerInOrder()
    {
        NetworkModel model = TestModels.Network(3, [(4, ReLU), (5, Tanh), (6, ELU), (7, Softplus), (2, Sigmoid)]);
        string forward = Emit(model, ".Forward.g.cs");
        string[] inOrder = ["Layer1Forward", "Layer2Forward", "Layer3Forward", "Layer4Forward", "Layer5Forward"];

        string[] batchKernels = inOrder.Select(static name => name + "Batch").ToArray();

        Assert.Equal(batchKernels, GeneratedCode.Calls(GeneratedCode.Method(forward, "ForwardBatch"), @"^Layer\d+ForwardBatch$"));
        Assert.Equal(inOrder, GeneratedCode.Calls(GeneratedCode.Method(forward, "Predict"), @"^Layer\d+Forward$"));
        Assert.Equal(inOrder.Zip(batchKernels).SelectMany(static pair => new[] { pair.First, pair.Second }), GeneratedCode.MethodNames(forward).Where(static n => n.StartsWith("Layer", StringComparison.Ordinal)));
    }

    [Fact]
    public void BackwardCallsEveryLayerBackwardInReverseOrder()
    {
        NetworkModel model = TestModels.Network(3, [(4, ReLU), (5, Tanh), (6, ELU), (7, Softplus), (2, Sigmoid)]);
        string backward = Emit(model, ".Backward.g.cs");
        string[] reversed = ["Layer5Backward", "Layer4Backward", "Layer3Backward", "Layer2Backward", "Layer1Backward"];

        Assert.Equal(reversed, GeneratedCode.Calls(GeneratedCode.Method(backward, "Backward"), @"^Layer\d+Backward$"));
        Assert.Equal(reversed, GeneratedCode.MethodNames(backward).Where(static n => Regex.IsMatch(n, @"^Layer\d+Backward$")));
    }

    [Fact]
    public void MeanSquaredErrorBackwardScalesByBatchAndOutputs()
    {
        string backwardFile = Emit(Cases["Tiny"], ".Backward.g.cs");
        string backward = GeneratedCode.Method(backwardFile, "Backward");
        string dataLoss = GeneratedCode.Method(backwardFile, "DataLoss");

        // Backward takes the data loss (and dLoss/dz of the output layer) from DataLoss, which Evaluate shares.
        Assert.Contains("_lastDataLoss = DataLoss(targets, batch);", backward, StringComparison.Ordinal);
        Assert.Contains("float scale = 1f / (batch * OutputSize);", dataLoss, StringComparison.Ordinal);
        Assert.Contains("MeanSquaredErrorLoss.Evaluate(", dataLoss, StringComparison.Ordinal);
        Assert.Contains("return loss * scale;", dataLoss, StringComparison.Ordinal);
        Assert.DoesNotContain("SoftmaxCrossEntropyLoss", backwardFile, StringComparison.Ordinal);
    }

    [Fact]
    public void SoftmaxCrossEntropyBackwardStartsFromTheLogitsOfTheOutputLayer()
    {
        string backwardFile = Emit(Cases["OddSizes"], ".Backward.g.cs");
        string backward = GeneratedCode.Method(backwardFile, "DataLoss");

        Assert.Contains("float scale = 1f / batch;", backward, StringComparison.Ordinal);
        Assert.Contains("SoftmaxCrossEntropyLoss.Evaluate(", backward, StringComparison.Ordinal);
        Assert.Contains("_z2.Span.Slice(row, OutputSize),", backward, StringComparison.Ordinal);
        Assert.DoesNotContain("MeanSquaredErrorLoss", backward, StringComparison.Ordinal);

        // The fused loss already gives dLoss/dz, so the output layer applies no derivative; the hidden layer does.
        Assert.DoesNotContain(".Derivative(", GeneratedCode.LayerBackward(backwardFile, 2), StringComparison.Ordinal);
        Assert.Contains("LeakyReLUOperator.Derivative(", GeneratedCode.LayerBackward(backwardFile, 1), StringComparison.Ordinal);

        // Softmax is applied once to the whole output row, not elementwise: in the one-sample kernel, across the lanes of
        // the one vector that holds the 7 logits where one does (a Vector256, for the Vector512 and Vector256 branches
        // alike), else as straight-line code (the Vector128 branch and the scalar fallback); more outputs than fit the
        // straight-line code go through the operator.
        string layer2Forward = GeneratedCode.Method(Emit(Cases["OddSizes"], ".Forward.g.cs"), "Layer2Forward");
        Assert.Equal(1, GeneratedCode.Count(layer2Forward, "SoftmaxOperator.Forward(acc0, "));
        Assert.Equal(2, GeneratedCode.Count(layer2Forward, "float inverse = 1f / ("));
        string wideSoftmax = GeneratedCode.Method(
            Emit(TestModels.Network(5, [(7, ReLU), (DenseLayer.MaxUnrolledSoftmax + 1, Softmax)], LossKind.SoftmaxCrossEntropy), ".Forward.g.cs"),
            "Layer2Forward");
        Assert.Equal(1, GeneratedCode.Count(wideSoftmax, "SoftmaxOperator.Forward("));
    }

    [Fact]
    public void EveryLossIsEmitted()
    {
        foreach (LossKind loss in Enum.GetValues<LossKind>())
        {
            string backward = Emit(TestModels.Network(2, [(3, OutputFor(loss))], loss), ".Backward.g.cs");
            Assert.Contains($"{loss}Loss.Evaluate(", backward, StringComparison.Ordinal);
            Assert.Equal(1, GeneratedCode.Count(backward, "Loss.Evaluate("));
        }
    }

    /// <summary>An output activation each loss accepts (SN0105): softmax, sigmoid, linear for raw scores, else sigmoid.</summary>
    private static ActivationKind OutputFor(LossKind loss) => loss switch
    {
        LossKind.SoftmaxCrossEntropy => Softmax,
        LossKind.Hinge or LossKind.Logistic => Linear,
        _ => Sigmoid,
    };

    [Fact]
    public void WideLayerHasTheFullWidthLadder()
    {
        string layer1 = GeneratedCode.Method(Emit(Wide, ".Forward.g.cs"), "Layer1Forward");

        Assert.Equal(["Vector512", "Vector256", "Vector128", "else"], GeneratedCode.Ladder(layer1));
    }

    [Fact]
    public void WideLayerIsSplitIntoRegisterBlocksOfAtMostEightVectors()
    {
        string layer1 = GeneratedCode.Method(Emit(Wide, ".Forward.g.cs"), "Layer1Forward");

        // More than two blocks at every width, so the full blocks loop and only the rest is written out.
        Assert.Equal(
            [
                // Vector512: 18 full vectors, so 2 full blocks, then 12 floats as one partial Vector512.
                "0..255: 2 blocks of 8 x Vector512",
                // Vector256: 37 full vectors, so 4 full blocks, then a Vector128.
                "0..255: 4 blocks of 8 x Vector256",
                // Vector128: 75 full vectors, so 9 full blocks, no tail.
                "0..287: 9 blocks of 8 x Vector128",
            ],
            GeneratedCode.BlockLoops(layer1));
        Assert.Equal(
            ["256..299 (2 x Vector512 + Vector512 with 12 lanes used)", "256..299 (5 x Vector256 + Vector128)", "288..299 (3 x Vector128)"],
            GeneratedCode.BlockComments(layer1));
        Assert.True(GeneratedCode.Count(layer1, "var acc8 ") == 0, "A block keeps at most 8 accumulators (acc0..acc7).");
    }

    [Fact]
    public void FullBlocksOfAWideLayerLoopWithOffsetsRelativeToTheLoopVariable()
    {
        string forward = Emit(Wide, ".Forward.g.cs");
        string layer1 = GeneratedCode.Method(forward, "Layer1Forward");
        string layer2 = GeneratedCode.Method(forward, "Layer2Forward");

        // One loop per width, stepping one block (8 vectors) at a time and ending at a constant expression.
        Assert.Contains("for (nuint o = 0; o < (nuint)(L1Out - L1Out % 128); o += 128)", layer1, StringComparison.Ordinal);
        Assert.Contains("for (nuint o = 0; o < (nuint)(L1Out - L1Out % 64); o += 64)", layer1, StringComparison.Ordinal);
        Assert.Contains("for (nuint o = 0; o < (nuint)(L1Out - L1Out % 32); o += 32)", layer1, StringComparison.Ordinal);
        Assert.Equal(3, GeneratedCode.Count(layer1, "for (nuint o = 0;"));

        // Inside the loop: biases, weights (unrolled inputs: row i starts at i * 300) and stores relative to o.
        Assert.Contains("var acc0 = Vector512.LoadUnsafe(ref b, o);", layer1, StringComparison.Ordinal);
        Assert.Contains("var acc7 = Vector512.LoadUnsafe(ref b, o + 112);", layer1, StringComparison.Ordinal);
        Assert.Contains("Vector512.LoadUnsafe(ref w, o + 600)", layer1, StringComparison.Ordinal);
        Assert.Contains("Vector128.StoreUnsafe(acc7, ref z, o + 28);", layer1, StringComparison.Ordinal);

        // After the loop the remaining block has constant offsets.
        Assert.Contains("var acc0 = Vector512.LoadUnsafe(ref b, 256);", layer1, StringComparison.Ordinal);
        Assert.Contains("var acc2 = Vector512.LoadUnsafe(ref b, 288);", layer1, StringComparison.Ordinal);

        // A looped input row (300 inputs) is read relative to o as well.
        Assert.Contains("for (nuint o = 0; o < (nuint)(L2Out - L2Out % 128); o += 128)", layer2, StringComparison.Ordinal);
        Assert.Contains("Vector512.LoadUnsafe(ref row, o + 16)", layer2, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightAndBiasGradientsOfAWideLayerLoopOverFullBlocks()
    {
        string layer1 = GeneratedCode.LayerBackward(Emit(Wide, ".Backward.g.cs"), 1);

        // dW in register tiles of 4 rows x 4 vectors; db in blocks of 8 vectors.
        Assert.Equal(
            ["0..255: 4 blocks of 4 x Vector512", "0..287: 9 blocks of 4 x Vector256", "0..287: 18 blocks of 4 x Vector128"],
            GeneratedCode.BlockLoops(layer1, "outputs"));
        Assert.Equal(
            ["0..255: 2 blocks of 8 x Vector512", "0..255: 4 blocks of 8 x Vector256", "0..287: 9 blocks of 8 x Vector128"],
            GeneratedCode.BlockLoops(layer1, "biases"));
        // The last 12 outputs of a row of dW are one partial vector at 512 bits (it reads the next row, and past the last
        // row the biases), stored lane by lane; narrower widths cover them with whole vectors.
        Assert.Equal(
            ["256..299 (2 x Vector512 + Vector512 with 12 lanes used)", "288..299 (Vector256 + Vector128)", "288..299 (3 x Vector128)"],
            GeneratedCode.BlockComments(layer1, "outputs"));
        Assert.Contains("// the Vector512 of outputs 288..299 also reads the 4 floats after each row of dW1 and dz1; those lanes are never stored", layer1, StringComparison.Ordinal);
        Assert.Contains("var g2 = Vector512.LoadUnsafe(ref dzRow, 288);", layer1, StringComparison.Ordinal);
        Assert.Contains("Vector128.StoreUnsafe(Vector256.GetLower(Vector512.GetUpper(acc0_2)), ref dwRow0, 296);", layer1, StringComparison.Ordinal);
        Assert.DoesNotContain("ref dwRow0, 300", layer1, StringComparison.Ordinal);
        Assert.Equal(
            ["256..299 (2 x Vector512 + Vector256 + Vector128)", "256..299 (5 x Vector256 + Vector128)", "288..299 (3 x Vector128)"],
            GeneratedCode.BlockComments(layer1, "biases"));

        // Inside TrainBatch (accumulate false) the accumulators start at zero instead of the stored gradients.
        Assert.Contains("var acc0_1 = accumulate ? Vector512.LoadUnsafe(ref dwRow0, o + 16) : Vector512<float>.Zero;", layer1, StringComparison.Ordinal);
        Assert.Contains("var g1 = Vector512.LoadUnsafe(ref dzRow, o + 16);", layer1, StringComparison.Ordinal);
        Assert.Contains("Vector512.StoreUnsafe(acc0_1, ref dwRow0, o + 16);", layer1, StringComparison.Ordinal);
        Assert.Contains("var acc1 = accumulate ? Vector512.LoadUnsafe(ref db, o + 16) : Vector512<float>.Zero;", layer1, StringComparison.Ordinal);
        Assert.Contains("Vector512.StoreUnsafe(acc1, ref db, o + 16);", layer1, StringComparison.Ordinal);
        Assert.Contains("Vector512.StoreUnsafe(acc1, ref db, 272);", layer1, StringComparison.Ordinal);

        // Every block written out has its own braces, even the only one after a loop.
        Assert.Matches(@"// outputs 288\.\.299 \(3 x Vector128\)\n\s*\{\n", layer1);
        Assert.Matches(@"// biases 288\.\.299 \(3 x Vector128\)\n\s*\{\n", layer1);
    }

    [Theory]
    // Up to two blocks: written out one after another.
    [InlineData(128, 8, "- 0..63 (8 x Vector256) | - 64..127 (8 x Vector256)", "")]
    [InlineData(37, 16, "- 0..36 (2 x Vector512 + Vector128 + float)", "")]
    // Three blocks, but only one of them full: written out, since a loop of one iteration would gain nothing.
    [InlineData(255, 16, "- 0..127 (8 x Vector512) | - 128..247 (7 x Vector512 + Vector256) | - 248..254 (Vector128 + 3 x float)", "")]
    // More than two blocks and at least two full ones: the full ones loop, the rest is written out.
    [InlineData(300, 16, "o 0..127 (8 x Vector512) | - 256..299 (2 x Vector512 + Vector256 + Vector128)", "0..255: 2 blocks of 8 x Vector512")]
    [InlineData(68, 4, "o 0..31 (8 x Vector128) | - 64..67 (Vector128)", "0..63: 2 blocks of 8 x Vector128")]
    [InlineData(300, 4, "o 0..31 (8 x Vector128) | - 288..299 (3 x Vector128)", "0..287: 9 blocks of 8 x Vector128")]
    [InlineData(384, 16, "o 0..127 (8 x Vector512)", "0..383: 3 blocks of 8 x Vector512")]
    public void BlocksLoopOnlyWhenThereAreMoreThanTwoAndAtLeastTwoAreFull(int count, int widthCount, string blocks, string loop)
    {
        (string text, List<string> calls) = WriteBlocks(count, Width(widthCount), scoped: false);

        Assert.Equal(blocks, string.Join(" | ", calls));
        Assert.Equal(loop.Length == 0 ? Array.Empty<string>() : new[] { loop }, GeneratedCode.BlockLoops(text));
        int step = SimdEmitter.MaxAccumulators * widthCount;
        Assert.Equal(loop.Length > 0, text.Contains($"for (nuint o = 0; o < (nuint)(Count - Count % {step}); o += {step})\n", StringComparison.Ordinal));
        Assert.Equal(calls.Count(static c => c.StartsWith("- ", StringComparison.Ordinal)), GeneratedCode.BlockComments(text).Count);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void ALoneBlockGetsBracesOnlyWhenScoped(bool scoped, int braces)
    {
        (string lone, _) = WriteBlocks(16, VectorWidth.V512, scoped);
        (string two, _) = WriteBlocks(128, VectorWidth.V256, scoped);

        Assert.Equal(braces, GeneratedCode.Count(lone, "{"));
        Assert.Equal(2, GeneratedCode.Count(two, "{")); // two blocks always get braces, so that their accumulators do not clash
    }

    [Fact]
    public void LongElementwisePassLoopsOverFullVectorsThenEmitsTheTailExactly()
    {
        // Layer 1's ReLU derivative runs over 300 outputs: more than 8 full vectors at every width.
        string layer1 = GeneratedCode.LayerBackward(Emit(Wide, ".Backward.g.cs"), 1);

        // The loops end at a constant expression of the layer's size, not at a bare number.
        Assert.Contains("for (nuint o = 0; o < (nuint)(L1Out - L1Out % 16); o += 16)", layer1, StringComparison.Ordinal);
        Assert.Contains("for (nuint o = 0; o < (nuint)(L1Out - L1Out % 8); o += 8)", layer1, StringComparison.Ordinal);
        Assert.Contains("for (nuint o = 0; o < (nuint)(L1Out - L1Out % 4); o += 4)", layer1, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"for \(nuint o = 0; o < \d", layer1);

        // The tail after each loop still has literal offsets.
        Assert.Contains("Vector256.LoadUnsafe(ref dzRow, 288)", layer1, StringComparison.Ordinal);
        Assert.Contains("Vector128.LoadUnsafe(ref dzRow, 296)", layer1, StringComparison.Ordinal);
        Assert.DoesNotContain("ref dzRow, 300)", layer1, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortElementwisePassIsUnrolled()
    {
        // 13 outputs are at most two vectors of any width: no loop, one statement per chunk.
        string layer1 = GeneratedCode.LayerBackward(Emit(Cases["OddSizes"], ".Backward.g.cs"), 1);

        Assert.DoesNotContain("for (nuint o", layer1, StringComparison.Ordinal);
        Assert.Contains("Unsafe.Add(ref dzRow, 12)", layer1, StringComparison.Ordinal);
    }

    [Fact]
    public void InputGradientOverAWideLayerLoopsOverFullVectorsAndSumsEachWidthInOrder()
    {
        // da1 = dz2 · W2ᵀ: each dot product runs over layer 2's 300 outputs = 18 x 16 + 8 + 4.
        string layer2 = GeneratedCode.LayerBackward(Emit(Wide, ".Backward.g.cs"), 2);
        string oneSample = layer2[layer2.IndexOf("// the last samples one at a time", StringComparison.Ordinal)..];
        string oneRow = oneSample[oneSample.IndexOf("for (; i < i1; i++)", StringComparison.Ordinal)..];

        // At 512 bits, four rows of W at a time (a row holds whole vectors), then the rest one by one.
        Assert.Contains("for (; i <= i1 - 4; i += 4)", oneSample, StringComparison.Ordinal);
        Assert.Contains("Vector128.StoreUnsafe(sum0, ref dx0, (nuint)i);", oneSample, StringComparison.Ordinal);
        Assert.Contains("sum0 = HorizontalSum.OfEach(dot0_0, dot0_1, dot0_2, dot0_3);", oneSample, StringComparison.Ordinal);

        // One row: one accumulator per width, each width's lanes summed and added in the order the widths come. At 512
        // bits the last 12 outputs are one partial vector whose dz lanes past the row are cleared, so the 4 floats it
        // reads of the next row of W add nothing.
        Assert.Contains("var dot0_0 = Vector512<float>.Zero;", oneRow, StringComparison.Ordinal);
        Assert.Contains("sum0 = HorizontalSum.Of(dot0_0);", oneRow, StringComparison.Ordinal);
        Assert.Equal(1, GeneratedCode.Count(oneRow[..oneRow.IndexOf("Unsafe.Add(ref dx0, i) = sum0;", StringComparison.Ordinal)], "sum0 += HorizontalSum.Of(dot0_0);"));
        Assert.Contains("var w0 = Vector512.LoadUnsafe(ref row0, 288);", oneRow, StringComparison.Ordinal);
        Assert.Contains("// lanes 12..15 hold the 4 floats after each row of W2 and of dz2: dz's are cleared, so they add nothing", oneRow, StringComparison.Ordinal);
        Assert.Contains("var used = Vector512.AsSingle(Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(12)));", oneRow, StringComparison.Ordinal);
        Assert.Contains("var z0 = Vector512.LoadUnsafe(ref dz0, 288) & used;", oneRow, StringComparison.Ordinal);
        Assert.DoesNotContain("Vector512.Sum(", layer2, StringComparison.Ordinal);

        // The loops end at a constant expression of the layer's size; the tails that follow have literal offsets.
        Assert.Contains("for (nuint o = 0; o < (nuint)(L2Out - L2Out % 16); o += 16)", oneSample, StringComparison.Ordinal);
        Assert.Contains("for (nuint o = 0; o < (nuint)(L2Out - L2Out % 8); o += 8)", oneSample, StringComparison.Ordinal);
        Assert.Contains("for (nuint o = 0; o < (nuint)(L2Out - L2Out % 4); o += 4)", oneSample, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"for \(nuint o = 0; o < \d", oneSample);
        Assert.Contains("var w0 = Vector128.LoadUnsafe(ref row0, 296);", oneRow, StringComparison.Ordinal);
    }

    [Fact]
    public void StepCoversEveryParameterAtEveryWidth()
    {
        // 3*300+300 + 300*300+300 + 300*1+1 = 91801 parameters = 5737 x 16 + 8 + 1.
        Assert.Equal(91801, Wide.ParameterCount);
        // That many parameters are shared out between threads: Step hands ranges to StepRange.
        string file = Emit(Wide, ".Step.g.cs");
        Assert.Contains("StepRange(0, ParameterCount);", GeneratedCode.Method(file, "Step"), StringComparison.Ordinal);
        string step = GeneratedCode.Method(file, "StepRange");

        Assert.Equal(["Vector512", "Vector256", "Vector128", "else"], GeneratedCode.Ladder(step));
        Assert.Contains("for (; o + 16 <= (nuint)end; o += 16)", step, StringComparison.Ordinal);
        Assert.Contains("for (; o + 8 <= (nuint)end; o += 8)", step, StringComparison.Ordinal);
        Assert.Contains("for (; o + 4 <= (nuint)end; o += 4)", step, StringComparison.Ordinal);
        Assert.Equal(3, GeneratedCode.Count(step, "for (; o < (nuint)end; o++)")); // the last few, one at a time
        Assert.Contains("for (int k = first; k < end; k++)", step, StringComparison.Ordinal);

        // Each part steps disjoint shares that together cover every layer: layer 2 (300 x 300) by its input chunks'
        // rows, the others in contiguous ranges, the biases by the last part.
        string part = GeneratedCode.Method(file, "StepPart");
        Assert.Contains("StepRange(L2W + ChunkStart(FirstChunk(part, parts), L2In) * L2Out, L2W + (part == parts - 1 ? L2In : ChunkStart(FirstChunk(part + 1, parts), L2In)) * L2Out);", part, StringComparison.Ordinal);
        Assert.Contains("StepRange(L1W + part * ((L1In * L1Out) / 64) / parts * 64, part == parts - 1 ? L1W + L1In * L1Out : L1W + (part + 1) * ((L1In * L1Out) / 64) / parts * 64);", part, StringComparison.Ordinal);
        Assert.Equal(3, GeneratedCode.Count(part, "if (part == parts - 1)"));

        // A network below the threshold keeps one loop over every parameter in Step itself.
        string small = GeneratedCode.Method(Emit(Cases["OddSizes"], ".Step.g.cs"), "Step");
        Assert.DoesNotContain("StepRange", small, StringComparison.Ordinal);
        Assert.Contains("for (int k = 0; k < ParameterCount; k++)", small, StringComparison.Ordinal);
    }

    [Fact]
    public void OneWideLayersAreStraightLineScalarCodeWithoutALadder()
    {
        NetworkModel model = Cases["OneWide"];
        string forward = Emit(model, ".Forward.g.cs");
        string backward = Emit(model, ".Backward.g.cs");

        // Every width would emit the same code and it uses no vector, so neither checks nor a fallback are written.
        foreach (string code in new[] { GeneratedCode.Method(forward, "Layer1Forward"), GeneratedCode.Method(forward, "Layer2Forward"), GeneratedCode.LayerBackward(backward, 1), GeneratedCode.LayerBackward(backward, 2) })
        {
            Assert.Empty(GeneratedCode.Ladder(code));
            Assert.DoesNotContain("IsHardwareAccelerated", code, StringComparison.Ordinal);
            Assert.DoesNotContain("Vector", code, StringComparison.Ordinal);
            Assert.DoesNotContain("for (int o = 0;", code, StringComparison.Ordinal); // the loops of the scalar fallback
        }

        string layer1 = GeneratedCode.Method(forward, "Layer1Forward");
        Assert.Equal(["0..0 (float)"], GeneratedCode.BlockComments(layer1));
        Assert.Contains(
            "        // outputs 0..0 (float)\n        var acc0 = Unsafe.Add(ref b, 0);\n",
            layer1,
            StringComparison.Ordinal);
        Assert.Contains("acc0 = MathF.FusedMultiplyAdd(x0, Unsafe.Add(ref w, 0), acc0);", layer1, StringComparison.Ordinal);

        // Step runs over the 4 parameters, which fill one Vector128, so it keeps the narrowest check and the fallback.
        Assert.Equal(4, model.ParameterCount);
        Assert.Equal(["Vector128", "else"], GeneratedCode.Ladder(GeneratedCode.Method(Emit(model, ".Step.g.cs"), "Step")));
        foreach ((string suffix, string source) in NetworkEmitter.EmitAll(model))
        {
            Assert.False(source.Contains("Vector512", StringComparison.Ordinal), $"{suffix} mentions Vector512.");
            Assert.False(source.Contains("Vector256", StringComparison.Ordinal), $"{suffix} mentions Vector256.");
        }
    }

    [Theory]
    [InlineData(1, "", "")]
    [InlineData(3, "Vector128 else", "Vector128 else")]
    [InlineData(4, "Vector128 else", "Vector128 else")]
    [InlineData(7, "Vector256 Vector128 else", "Vector128 else Vector256")]
    [InlineData(8, "Vector256 Vector128 else", "Vector256 Vector128 else")]
    [InlineData(15, "Vector512 Vector256 Vector128 else", "Vector256 Vector128 else Vector512")]
    [InlineData(16, "Vector512 Vector256 Vector128 else", "Vector512 Vector256 Vector128 else")]
    public void LadderKeepsOnlyTheChecksWhoseCodeDiffers(int outputs, string forwardLadder, string backwardLadder)
    {
        // Identical branches that use vectors collapse to the narrowest check plus the fallback; without vectors, no
        // ladder. The one-sample forward and the weight gradient read a tail of 2 or more outputs as one partial vector
        // (3 outputs: a Vector128; 7: a Vector256; 15: a Vector512), so their ladders can reach wider than the bias
        // gradient's, which is listed first in the backward pass (7 outputs: Vector128 and 3 floats at every width).
        NetworkModel model = TestModels.Network(2, [(outputs, Tanh)]);

        Assert.Equal(forwardLadder, string.Join(" ", GeneratedCode.Ladder(GeneratedCode.Method(Emit(model, ".Forward.g.cs"), "Layer1Forward"))));
        Assert.Equal(backwardLadder, string.Join(" ", GeneratedCode.Ladder(GeneratedCode.LayerBackward(Emit(model, ".Backward.g.cs"), 1)).Distinct()));
        AssertCompiles(model);
    }

    [Fact]
    public void NarrowLayerOmitsWidthsWiderThanItself()
    {
        // 8 outputs: a Vector512 branch would be the Vector256 one, so it is not written.
        string layer1 = GeneratedCode.Method(Emit(TestModels.Network(5, [(8, Tanh), (2, Sigmoid)]), ".Forward.g.cs"), "Layer1Forward");

        Assert.Equal(["Vector256", "Vector128", "else"], GeneratedCode.Ladder(layer1));
        Assert.Equal(["0..7 (Vector256)", "0..7 (2 x Vector128)"], GeneratedCode.BlockComments(layer1));
    }

    [Fact]
    public void DzBuffersCarryThePaddingThatTheLastRowsTailReads()
    {
        // Layer 1 (13 outputs, followed by layer 2's parameters): a Vector512 with 13 lanes used, or a Vector256 and a
        // Vector256 with 5 used: 3 floats past the row. Layer 2 (7 outputs, only its biases after W): a Vector256 with 7
        // lanes used, or a Vector128 and a Vector128 with 3 used: 1 float. A row of whole vectors reads nothing past it.
        string main = Emit(Cases["OddSizes"], ".g.cs");
        Assert.Contains("_dz1 = new global::StaticNets.AlignedBuffer(checked(maxBatchSize * L1Out + 3)); // the backward kernels read the last row's tail as one vector, 3 floats past it", main, StringComparison.Ordinal);
        Assert.Contains("_dz2 = new global::StaticNets.AlignedBuffer(checked(maxBatchSize * L2Out + 1)); // the backward kernels read the last row's tail as one vector, 1 float past it", main, StringComparison.Ordinal);
        Assert.Contains("_dz1 = new global::StaticNets.AlignedBuffer(checked(maxBatchSize * L1Out));", Emit(TestModels.Network(3, [(16, Tanh), (32, Linear)]), ".g.cs"), StringComparison.Ordinal);

        // The padding is the widest spill of any width's plan, the same plans the kernels are written from.
        string backward = Emit(Cases["OddSizes"], ".Backward.g.cs");
        Assert.Contains("also reads the 3 floats after each row of dW1 and dz1", backward, StringComparison.Ordinal);
        Assert.Contains("also reads the float after each row of dW2 and dz2", backward, StringComparison.Ordinal);
        Assert.DoesNotContain("also reads the 4 floats", backward, StringComparison.Ordinal);
        Assert.DoesNotContain("also reads the 2 floats after each row of dW2", backward, StringComparison.Ordinal);
    }

    [Fact]
    public void NarrowLayerReadsItsTailAsOnePartialVector()
    {
        // 13 outputs: one Vector512 of which 13 lanes are used, a Vector256 and a partial Vector256, or three
        // Vector128 and a float (a tail of one float stays a float).
        string layer1 = GeneratedCode.Method(Emit(Cases["OddSizes"], ".Forward.g.cs"), "Layer1Forward");

        Assert.Equal(["Vector512", "Vector256", "Vector128", "else"], GeneratedCode.Ladder(layer1));
        Assert.Equal(
            ["0..12 (Vector512 with 13 lanes used)", "0..12 (Vector256 + Vector256 with 5 lanes used)", "0..12 (3 x Vector128 + float)"],
            GeneratedCode.BlockComments(layer1));

        // The hidden layer's biases are followed by layer 2's parameters, so the partial vector reads them whole; the
        // stores write the 13 outputs and nothing past them.
        Assert.Contains("var acc0 = Vector512.LoadUnsafe(ref b, 0);", layer1, StringComparison.Ordinal);
        Assert.Contains("Vector256.StoreUnsafe(Vector512.GetLower(acc0), ref z, 0);", layer1, StringComparison.Ordinal);
        Assert.Contains("Vector128.StoreUnsafe(Vector256.GetLower(Vector512.GetUpper(acc0)), ref z, 8);", layer1, StringComparison.Ordinal);
        Assert.Contains("Unsafe.Add(ref z, 12) = Vector128.ToScalar(", layer1, StringComparison.Ordinal);
        Assert.DoesNotContain("ref z, 13)", layer1, StringComparison.Ordinal);
    }

    [Fact]
    public void PartialVectorOfTheLastLayerLoadsOnlyItsOwnBiases()
    {
        // The output layer's biases end the parameters: a partial vector's bias load must not read past them.
        string layer2 = GeneratedCode.Method(Emit(Cases["OddSizes"], ".Forward.g.cs"), "Layer2Forward");

        Assert.Contains("// outputs 0..6 (Vector256 with 7 lanes used)", layer2, StringComparison.Ordinal);
        Assert.Contains(
            "var acc0 = Vector256.Create(Vector128.LoadUnsafe(ref b, 0), Vector128.Create(Unsafe.Add(ref b, 4), Unsafe.Add(ref b, 5), Unsafe.Add(ref b, 6), 0f));",
            layer2,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Vector256.LoadUnsafe(ref b", layer2, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 16, 1, "0..2 (Vector128 with 3 lanes used)")]
    [InlineData(3, 16, 0, "0..2 (3 x float)")]
    [InlineData(10, 16, 6, "0..9 (Vector512 with 10 lanes used)")]
    [InlineData(10, 16, 5, "0..9 (Vector256 + 2 x float)")]
    [InlineData(10, 8, 6, "0..9 (Vector256 + Vector128 with 2 lanes used)")]
    [InlineData(37, 16, 100, "0..36 (2 x Vector512 + Vector256 with 5 lanes used)")]
    [InlineData(44, 16, 4, "0..43 (2 x Vector512 + Vector512 with 12 lanes used)")]
    [InlineData(8, 16, 8, "0..7 (Vector256)")]
    [InlineData(1, 16, 15, "0..0 (float)")]
    public void TailReadsPastTheRowOnlyWithinItsAllowance(int count, int widthCount, int overRead, string expected)
    {
        Assert.Equal(expected, Chunk.Describe(Chunk.Plan(count, Width(widthCount), overRead)));
    }

    [Theory]
    [InlineData(37, 16, "0..36 (2 x Vector512 + Vector128 + float)")]
    [InlineData(37, 8, "0..36 (4 x Vector256 + Vector128 + float)")]
    [InlineData(37, 4, "0..36 (9 x Vector128 + float)")]
    [InlineData(13, 16, "0..12 (Vector256 + Vector128 + float)")]
    [InlineData(7, 8, "0..6 (Vector128 + 3 x float)")]
    [InlineData(15, 16, "0..14 (Vector256 + Vector128 + 3 x float)")]
    [InlineData(16, 16, "0..15 (Vector512)")]
    [InlineData(1, 16, "0..0 (float)")]
    [InlineData(300, 16, "0..299 (18 x Vector512 + Vector256 + Vector128)")]
    public void TailIsPlannedWithNarrowerVectorsThenSingleFloats(int count, int widthCount, string expected)
    {
        Assert.Equal(expected, Chunk.Describe(Chunk.Plan(count, Width(widthCount))));
    }

    [Fact]
    public void PlanCoversEveryFloatExactlyOnceWidestFirst()
    {
        foreach (VectorWidth width in VectorWidth.Vectors)
        {
            for (int count = 1; count <= 3 * 16 + 1; count++)
            {
                List<Chunk> chunks = Chunk.Plan(count, width);
                int next = 0;
                for (int k = 0; k < chunks.Count; k++)
                {
                    Assert.Equal(next, chunks[k].Offset);
                    Assert.True(chunks[k].Width.Count <= width.Count, $"count {count}: chunk wider than {width.Name}.");
                    Assert.True(k == 0 || chunks[k].Width.Count <= chunks[k - 1].Width.Count, $"count {count}: widths not in decreasing order.");
                    next += chunks[k].Width.Count;
                }

                Assert.Equal(count, next);
                Assert.True(chunks.Count(static c => c.Width.IsScalar) <= 3, $"count {count}: more than 3 single floats in the tail.");
            }
        }
    }

    [Fact]
    public void NestedContainingTypesAreReopenedOutermostFirst()
    {
        NetworkModel model = Cases["Tiny"] with
        {
            ContainingTypes = new EquatableArray<ContainingTypeModel>([new("struct", "Outer"), new("record struct", "Middle"), new("class", "Inner")]),
        };

        foreach ((string suffix, string source) in NetworkEmitter.EmitAll(model))
        {
            Assert.True(
                source.Contains("namespace Models;\n\npartial struct Outer\n{\n    partial record struct Middle\n    {\n        partial class Inner\n        {\n", StringComparison.Ordinal),
                $"{suffix} does not open the containing types in order.");
        }
    }

    [Fact]
    public void GlobalNamespaceNetworkHasNoNamespaceDeclaration()
    {
        NetworkModel model = Cases["Tiny"] with { Namespace = string.Empty };

        foreach ((string suffix, string source) in NetworkEmitter.EmitAll(model))
        {
            Assert.False(source.Contains("namespace", StringComparison.Ordinal), $"{suffix} declares a namespace.");
        }
    }

    [Fact]
    public void RecordNetworkIsCompletedAsAPartialRecord()
    {
        NetworkModel model = Cases["Tiny"] with { TypeKeyword = "record" };
        (string Suffix, string Source)[] files = NetworkEmitter.EmitAll(model);

        Assert.Contains("partial record Net : global::StaticNets.INetwork\n", files[0].Source, StringComparison.Ordinal);
        Assert.All(files.Skip(1), static f => Assert.Contains("partial record Net\n", f.Source, StringComparison.Ordinal));
        Assert.All(files, static f => Assert.DoesNotContain("partial class", f.Source, StringComparison.Ordinal));
    }

    [Fact]
    public void LayerConstantsGiveTheModelsSizesAndOffsets()
    {
        string main = Emit(Wide, ".g.cs");

        Assert.Contains("private const int L1In = 3, L1Out = 300, L1W = 0, L1B = 900;", main, StringComparison.Ordinal);
        Assert.Contains("private const int L2In = 300, L2Out = 300, L2W = 1200, L2B = 91200;", main, StringComparison.Ordinal);
        Assert.Contains("private const int L3In = 300, L3Out = 1, L3W = 91500, L3B = 91800;", main, StringComparison.Ordinal);
        Assert.Contains("public const int ParameterCount = 91801;", main, StringComparison.Ordinal);
        Assert.Contains("public const string Architecture = \"Input(3) -> Dense(300, ReLU) -> Dense(300, Tanh) -> Dense(1, Sigmoid)\";", main, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchKernelsTakeTheRowsOfWInPanelsThatFitTheL1Cache()
    {
        // 784 -> 128: 64 rows of W1 make 32 KB, so 13 panels over all rows, and panels of each 196-row input chunk.
        string forward = Emit(TestModels.Network(784, [(128, ReLU), (10, Softmax)]), ".Forward.g.cs");
        string batch = GeneratedCode.Method(forward, "Layer1ForwardBatch");
        Assert.Contains("for (int panel = 0; panel < 13; panel++)", batch, StringComparison.Ordinal);
        Assert.Contains("int i0 = panel * L1In / 13, i1 = (panel + 1) * L1In / 13;", batch, StringComparison.Ordinal);
        Assert.Contains("if (!lastPanel) // the sums so far, for the next panel", batch, StringComparison.Ordinal);
        Assert.Contains("for (int s = tiled; s < end; s++)", batch, StringComparison.Ordinal);
        string chunk = GeneratedCode.Method(forward, "Layer1ForwardPartial");
        Assert.Contains("int panels = (c1 - c0 + 63) / 64;", chunk, StringComparison.Ordinal);
        Assert.Contains("firstPanel ? Vector512<float>.Zero : Vector512.LoadUnsafe(ref p0, 0)", chunk, StringComparison.Ordinal);

        // A softmax layer needs whole rows of logits; 512 outputs would leave 16-row panels; 64 rows of 16 outputs fit one panel.
        Assert.DoesNotContain("panel", GeneratedCode.Method(forward, "Layer2ForwardBatch"), StringComparison.Ordinal);
        string wide = Emit(TestModels.Network(784, [(512, ReLU), (10, Softmax)]), ".Forward.g.cs");
        Assert.DoesNotContain("panel", GeneratedCode.Method(wide, "Layer1ForwardBatch"), StringComparison.Ordinal);
        Assert.DoesNotContain("panel", GeneratedCode.Method(wide, "Layer1ForwardPartial"), StringComparison.Ordinal);
        string small = Emit(TestModels.Network(64, [(16, ReLU), (10, Softmax)]), ".Forward.g.cs");
        Assert.DoesNotContain("panel", GeneratedCode.Method(small, "Layer1ForwardBatch"), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBufferFieldHasAShapeComment()
    {
        string main = Emit(Wide, ".g.cs");
        string[] fields = main.Split('\n').Where(static l => l.Contains("private readonly global::StaticNets.AlignedBuffer", StringComparison.Ordinal)).ToArray();

        // parameters, gradients, inputs; z, a and dz of each layer; the chunks' partial products of layer 2 (300 x 300)
        Assert.Equal(3 + Wide.Layers.Count + 1, fields.Length);
        Assert.All(fields, static f => Assert.Matches(@";\s+// \(", f));
    }

    [Fact]
    public void HeInitialisationIsUsedForTheReLUFamilyAndGlorotOtherwise()
    {
        string main = Emit(Cases["EveryActivation"], ".g.cs");
        string[] init = main.Split('\n').Where(static l => l.Contains("global::StaticNets.Initializers.", StringComparison.Ordinal)).ToArray();

        Assert.Equal(10, init.Length);
        string[] expected = ["Glorot", "Glorot", "Glorot", "He", "He", "He", "Glorot", "Glorot", "Glorot", "Glorot"];
        for (int k = 0; k < init.Length; k++)
        {
            Assert.Contains($"Initializers.{expected[k]}", init[k], StringComparison.Ordinal);
            Assert.EndsWith($"// layer {k + 1}, {Cases["EveryActivation"].Layers[k].Activation}", init[k].TrimEnd(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(16384, "global::StaticNets.AlignedBuffer.Align(stackalloc float[PredictScratch + global::StaticNets.AlignedBuffer.Padding], PredictScratch)")]
    [InlineData(16385, "if (!t_predictBuffer.IsAllocated) t_predictBuffer = new global::StaticNets.AlignedBuffer(PredictScratch);")]
    public void PredictKeepsHiddenActivationsOnTheStackUpToSixtyFourKilobytes(int hidden, string expected)
    {
        NetworkModel model = TestModels.Network(1, [(hidden, ReLU), (1, Linear)]);
        string predict = GeneratedCode.Method(Emit(model, ".Forward.g.cs"), "Predict");

        Assert.Contains(expected, predict, StringComparison.Ordinal);
        Assert.Equal(hidden > NetworkEmitter.MaxStackFloats, Emit(model, ".g.cs").Contains("[global::System.ThreadStaticAttribute]", StringComparison.Ordinal));
    }

    [Fact]
    public void SingleLayerNetworkNeedsNoPredictScratch()
    {
        NetworkModel model = Cases["SingleLayer"];

        Assert.DoesNotContain("PredictScratch", Emit(model, ".g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", GeneratedCode.Method(Emit(model, ".Forward.g.cs"), "Predict"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SixteenInputsUnrolled", true)]
    [InlineData("SeventeenInputsLooped", false)]
    public void InputLoopIsUnrolledUpToSixteenInputs(string name, bool unrolled)
    {
        string layer1 = GeneratedCode.Method(Emit(Cases[name], ".Forward.g.cs"), "Layer1Forward");

        Assert.Equal(unrolled, layer1.Contains("float x15 = Unsafe.Add(ref x, 15);", StringComparison.Ordinal));
        Assert.Equal(!unrolled, layer1.Contains("ref float row", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.5f, "0.5f")]
    [InlineData(0.1f, "0.1f")]
    [InlineData(1e-10f, "1E-10f")]
    [InlineData(float.Epsilon, "1E-45f")]
    [InlineData(float.MaxValue, "3.4028235E+38f")]
    public void LearningRateIsWrittenInvariantlyAndRoundTrips(float learningRate, string literal)
    {
        CultureInfo saved = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            string main = Emit(Cases["Tiny"] with { LearningRate = learningRate }, ".g.cs");

            Assert.Contains($"public const float DefaultLearningRate = {literal};", main, StringComparison.Ordinal);
            Assert.Equal(learningRate, float.Parse(literal[..^1], CultureInfo.InvariantCulture));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void EveryFileStartsWithTheAutoGeneratedHeader()
    {
        foreach ((string suffix, string source) in NetworkEmitter.EmitAll(Wide))
        {
            Assert.True(source.StartsWith("// <auto-generated/>\n#nullable enable\n", StringComparison.Ordinal), $"{suffix} lacks the header.");
            Assert.DoesNotContain("\r", source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MainFileCarriesTheGeneratedCodeAttributeWithTheGeneratorVersion()
    {
        string version = typeof(NetworkEmitter).Assembly.GetName().Version!.ToString();

        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCodeAttribute(\"StaticNets\", \"{version}\")]", Emit(Wide, ".g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void LayerOfAMillionOutputsEmitsQuicklyAsBoundedCode()
    {
        // The full blocks loop, so the text does not grow with the layer. (1 -> 2^27 units, exactly
        // NetworkParser.MaxParameters, gives bounded text too, but planning its chunks takes about 30 s and
        // allocates about 17 GB, too much for this suite; a million outputs is already far past unrolling.)
        NetworkModel model = TestModels.Network(1, [(1_000_000, Linear)]);

        var watch = Stopwatch.StartNew();
        (string Suffix, string Source)[] files = NetworkEmitter.EmitAll(model);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Emitting took {watch.Elapsed}.");
        int total = files.Sum(static f => f.Source.Length);
        Assert.True(total < 200_000, $"The generated files hold {total} characters.");

        string layer1 = GeneratedCode.Method(files.Single(static f => f.Suffix == ".Forward.g.cs").Source, "Layer1Forward");
        Assert.Equal(
            ["0..999935: 7812 blocks of 8 x Vector512", "0..999999: 15625 blocks of 8 x Vector256", "0..999999: 31250 blocks of 8 x Vector128"],
            GeneratedCode.BlockLoops(layer1));
        Assert.Equal(["999936..999999 (4 x Vector512)"], GeneratedCode.BlockComments(layer1));
        AssertCompiles(model);
    }

    [Fact]
    public void EmittingTwiceGivesTheSameText()
    {
        Assert.Equal(NetworkEmitter.EmitAll(Cases["EveryActivation"]), NetworkEmitter.EmitAll(Cases["EveryActivation"]));
    }

    /// <summary>The emitted files named as the driver snapshots name them: the hint-name suffix without the dot and ".cs".</summary>
    private static IEnumerable<(string? Suffix, string Text)> SnapshotFiles(NetworkModel model) =>
        NetworkEmitter.EmitAll(model).Select(static f => ((string?)f.Suffix[1..^".cs".Length], f.Source));

    private static string Emit(NetworkModel model, string suffix) =>
        NetworkEmitter.EmitAll(model).Single(f => f.Suffix == suffix).Source;

    private static VectorWidth Width(int count) => count == 1 ? VectorWidth.Scalar : VectorWidth.Vectors.Single(w => w.Count == count);

    /// <summary>
    /// Runs <see cref="SimdEmitter.Blocks"/> over <paramref name="count"/> floats named <c>Count</c>, each block writing
    /// <c>Block();</c>. Returns the text and one entry per block written: its base offset (<c>o</c> in the loop, <c>-</c>
    /// for a constant) and its chunks.
    /// </summary>
    private static (string Text, List<string> Calls) WriteBlocks(int count, VectorWidth width, bool scoped)
    {
        var writer = new SourceWriter();
        var calls = new List<string>();
        SimdEmitter.Blocks(writer, count, "Count", width, "outputs", scoped, (block, baseOffset) =>
        {
            calls.Add((baseOffset ?? "-") + " " + Chunk.Describe(block));
            writer.WriteLine("Block();");
        });
        return (writer.ToString(), calls);
    }

    /// <summary>Compiles the emitted files with a declaration they complete: no errors anywhere, no warnings in generated code.</summary>
    private static void AssertCompiles(NetworkModel model)
    {
        SyntaxTree declaration = GeneratorHarness.Parse(TestModels.Declaration(model), "Declaration.cs");
        SyntaxTree[] generated = NetworkEmitter.EmitAll(model)
            .Select(f => GeneratorHarness.Parse(f.Source, model.FullName + f.Suffix))
            .ToArray();
        CSharpCompilation compilation = GeneratorHarness.Compile().AddSyntaxTrees(generated.Prepend(declaration));

        Diagnostic[] problems = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && generated.Contains(d.Location.SourceTree)))
            .ToArray();
        Assert.True(problems.Length == 0, string.Join(Environment.NewLine, problems.Select(static d => d.ToString())));
    }
}

using System.Globalization;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Diagnostics;

/// <summary>Image layers whose shapes do not fit: each reported on the offending attribute, saying what the shapes are.</summary>
public sealed class ConvolutionDiagnosticTests
{
    private static string Message(GeneratorRun run, int index = 0) => run.AnalyzerDiagnostics[index].GetMessage(CultureInfo.InvariantCulture);

    private static string Net(string layers, string input = "[Input(8, 8, 1)]", string loss = "Loss.MeanSquaredError") => $$"""
        using StaticNets;
        namespace Samples;

        [Network({{loss}})]
        {{input}}
        {{layers}}
        public partial class Net;
        """;

    [Fact]
    public void KernelLargerThanTheImageSaysBothSizes()
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            Net("[[|Conv2D(4, 9, 3)|]]\n[Flatten]\n[Dense(1)]"),
            (DiagnosticDescriptors.ShapeDoesNotFit, 0));

        Assert.Equal(
            "Layer 1 (Conv2D) does not fit its 8x8x1 input: the 9x3 kernel is larger than the image, so there is no output; use a smaller kernel, or Padding = Padding.Same",
            Message(run));
    }

    [Fact]
    public void StrideThatDoesNotDivideSaysWhatWouldBeLost()
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            Net("[[|Conv2D(4, 3, Stride = 2)|]]\n[Flatten]\n[Dense(1)]", input: "[Input(8, 9, 2)]"),
            (DiagnosticDescriptors.ShapeDoesNotFit, 0));

        Assert.Equal(
            "Layer 1 (Conv2D) does not fit its 8x9x2 input: with a 3x3 kernel, stride 2 does not divide the 5 rows and 6 columns the kernel moves over, so the last 1 row(s) and 0 column(s) would be ignored; use a stride that divides them, or Padding = Padding.Same",
            Message(run));
    }

    [Fact]
    public void SamePaddingAcceptsAnyStride()
    {
        DiagnosticAssert.IsValid(Net("[Conv2D(4, 3, Stride = 2, Padding = Padding.Same)]\n[Flatten]\n[Dense(1)]", input: "[Input(8, 9, 2)]"), "Samples.Net");
    }

    [Fact]
    public void PoolingWindowLargerThanTheImageIsReportedOnThePooling()
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            Net("[Conv2D(4, 3)]\n[[|MaxPool2D(7)|]]\n[Flatten]\n[Dense(1)]"),
            (DiagnosticDescriptors.ShapeDoesNotFit, 0));

        Assert.StartsWith("Layer 2 (MaxPool2D) does not fit its 6x6x4 input: the 7x7 window is larger than the image", Message(run), System.StringComparison.Ordinal);
    }

    [Fact]
    public void PoolingThatLeavesRowsOutIsAcceptedAsPyTorchAndKerasDo()
    {
        // The reference CNN pools an 11x11 image to 5x5: the last row and column fill no window.
        DiagnosticAssert.IsValid(Net("[Conv2D(4, 3)]\n[AveragePool2D(2)]\n[Flatten]\n[Dense(1)]", input: "[Input(13, 13, 1)]"), "Samples.Net");
    }

    [Fact]
    public void ShapesAreReportedAfterEarlierLayersChangeThem()
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            Net("[Conv2D(4, 3)]\n[MaxPool2D(2)]\n[[|Conv2D(8, 5)|]]\n[Flatten]\n[Dense(1)]", input: "[Input(10, 10, 3)]"),
            (DiagnosticDescriptors.ShapeDoesNotFit, 0));

        Assert.Contains("its 4x4x4 input", Message(run), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[[|Conv2D(4, 3)|]]", "Conv2D")]
    [InlineData("[[|MaxPool2D(2)|]]", "MaxPool2D")]
    [InlineData("[[|AveragePool2D(2)|]]", "AveragePool2D")]
    [InlineData("[[|GlobalAveragePool2D|]]", "GlobalAveragePool2D")]
    [InlineData("[[|Flatten|]]", "Flatten")]
    public void ImageLayerOnAVectorIsReported(string layer, string kind)
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            Net(layer + "\n[Dense(1)]", input: "[Input(64)]"),
            (DiagnosticDescriptors.NeedsImageInput, 0));

        Assert.StartsWith($"Layer 1 ({kind}) needs an image input (height, width, channels), but its input is a vector of 64 values", Message(run), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ConvolutionAfterFlattenIsReported()
    {
        DiagnosticAssert.ReportsExactly(
            Net("[Conv2D(4, 3)]\n[Flatten]\n[[|Conv2D(4, 3)|]]\n[Dense(1)]"),
            (DiagnosticDescriptors.NeedsImageInput, 0));
    }

    [Fact]
    public void DenseOnAnImageSaysTheShapeAndTheFix()
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(
            Net("[Conv2D(4, 3)]\n[[|Dense(10)|]]\n[Dense(1)]"),
            (DiagnosticDescriptors.NeedsVectorInput, 0));

        Assert.Equal("Layer 2 (Dense) follows a 6x6x4 image; add [Flatten] (or [GlobalAveragePool2D]) before it", Message(run));
    }

    [Theory]
    [InlineData("[Conv2D(4, 3)]\n[[|MaxPool2D(2)|]]", "MaxPool2D")]
    [InlineData("[[|Conv2D(4, 3)|]]", "Conv2D")]
    [InlineData("[Conv2D(4, 3)]\n[[|GlobalAveragePool2D|]]", "GlobalAveragePool2D")]
    public void ImageLayerLastIsReported(string layers, string kind)
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(Net(layers), (DiagnosticDescriptors.OutputMustBeDense, 0));

        Assert.Contains($"is a {kind} layer and cannot be the output layer", Message(run), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[[|Conv2D(0, 3)|]]", "Layer 1 (Conv2D) filters size is 0")]
    [InlineData("[[|Conv2D(4, 0)|]]", "Layer 1 (Conv2D) kernel size is 0")]
    [InlineData("[[|Conv2D(4, 0, 3)|]]", "Layer 1 (Conv2D) kernel height size is 0")]
    [InlineData("[[|Conv2D(4, 3, 0)|]]", "Layer 1 (Conv2D) kernel width size is 0")]
    [InlineData("[[|Conv2D(4, 3, Stride = 0)|]]", "Layer 1 (Conv2D) stride size is 0")]
    [InlineData("[[|MaxPool2D(0)|]]", "Layer 1 (MaxPool2D) window size is 0")]
    [InlineData("[[|AveragePool2D(2, -1)|]]", "Layer 1 (AveragePool2D) window width size is -1")]
    public void SizesBelowOneAreReportedOnTheLayer(string layer, string start)
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(Net(layer + "\n[Flatten]\n[Dense(1)]"), (DiagnosticDescriptors.SizeBelowOne, 0));

        Assert.StartsWith(start, Message(run), System.StringComparison.Ordinal);
    }

    [Fact]
    public void NegativePoolingStrideIsReported()
    {
        DiagnosticAssert.ReportsExactly(Net("[[|MaxPool2D(2, Stride = -2)|]]\n[Flatten]\n[Dense(1)]"), (DiagnosticDescriptors.InvalidSetting, 0));
    }

    [Fact]
    public void UndefinedPaddingIsReported()
    {
        DiagnosticAssert.ReportsExactly(Net("[[|Conv2D(4, 3, Padding = (Padding)7)|]]\n[Flatten]\n[Dense(1)]"), (DiagnosticDescriptors.UndefinedEnumValue, 0));
    }

    [Fact]
    public void SoftmaxOnAConvolutionIsReported()
    {
        DiagnosticAssert.ReportsExactly(Net("[[|Conv2D(4, 3, Activation.Softmax)|]]\n[Flatten]\n[Dense(1)]"), (DiagnosticDescriptors.SoftmaxOnHiddenLayer, 0));
    }

    [Theory]
    [InlineData("[Input(0, 8, 1)]", "Input height size is 0")]
    [InlineData("[Input(8, -1, 1)]", "Input width size is -1")]
    [InlineData("[Input(8, 8, 0)]", "Input channels size is 0")]
    public void ImageInputSizesBelowOneAreReported(string input, string start)
    {
        string marked = "[[|" + input.Substring(1, input.Length - 2) + "|]]";
        GeneratorRun run = DiagnosticAssert.ReportsExactly(Net("[Flatten]\n[Dense(1)]", input: marked), (DiagnosticDescriptors.SizeBelowOne, 0));

        Assert.StartsWith(start, Message(run), System.StringComparison.Ordinal);
    }
}

using System;
using StaticNets.Tests.Support;
using Xunit;

namespace StaticNets.Tests.Convolution;

/// <summary>
/// Where max pooling sends the gradient of a window whose values tie: to the first position in row-major order, as
/// PyTorch's MaxPool2d does, also where windows overlap. Checked in closed form on the networks of
/// MaxPoolTieNetworks.cs: every pooled value is 1, so the 1x1 convolution's weight gradient of channel c is
/// Σ over windows of x[first position of the window] · v[window, c] · dL/dy, where v is the dense layer's weight of
/// that pooled value and dL/dy the dense layer's bias gradient.
/// </summary>
public sealed class MaxPoolTieTests
{
    private const int Channels = 19;

    /// <summary>A handful of float products and sums of values below ~10: float rounding is far below this.</summary>
    private const double Tolerance = 1e-5;

    [Fact]
    public void TiesInOverlapping3By3WindowsGoToTheFirstPosition() =>
        AssertTiesGoToTheFirstPosition(new TiedMaxPool3Stride1(seed: 1), height: 4, width: 5, kernelHeight: 3, kernelWidth: 3, stride: 1);

    [Fact]
    public void TiesInOverlapping2By2WindowsGoToTheFirstPosition() =>
        AssertTiesGoToTheFirstPosition(new TiedMaxPool2Stride1(seed: 1), height: 5, width: 5, kernelHeight: 2, kernelWidth: 2, stride: 1);

    [Fact]
    public void TiesIn3By3WindowsAtStride2GoToTheFirstPosition() =>
        AssertTiesGoToTheFirstPosition(new TiedMaxPool3Stride2(seed: 1), height: 7, width: 7, kernelHeight: 3, kernelWidth: 3, stride: 2);

    [Fact]
    public void TiesInOverlapping2By3WindowsGoToTheFirstPosition() =>
        AssertTiesGoToTheFirstPosition(new TiedMaxPool2By3Stride1(seed: 1), height: 5, width: 6, kernelHeight: 2, kernelWidth: 3, stride: 1);

    [Fact]
    public void TiesInWindowsThatTileTheInputGoToTheFirstPosition() =>
        AssertTiesGoToTheFirstPosition(new TiedMaxPool2Exact(seed: 1), height: 4, width: 6, kernelHeight: 2, kernelWidth: 2, stride: 2);

    private static void AssertTiesGoToTheFirstPosition<TNetwork>(TNetwork network, int height, int width, int kernelHeight, int kernelWidth, int stride)
        where TNetwork : INetwork
    {
        int outHeight = (height - kernelHeight) / stride + 1;
        int outWidth = (width - kernelWidth) / stride + 1;
        int pooled = outHeight * outWidth * Channels;
        int dense = 2 * Channels; // the convolution's 19 weights and 19 biases come first
        Assert.Equal(dense + pooled + 1, TNetwork.ParameterCount);

        var random = new SeededRandom(11);
        Span<float> parameters = network.Parameters;
        parameters.Clear();
        parameters.Slice(Channels, Channels).Fill(1f);
        float[] v = TestData.Uniform(random, pooled);
        v.CopyTo(parameters.Slice(dense, pooled));
        float[] x = TestData.Uniform(random, height * width, 0.5f, 2f);

        network.ZeroGradients();
        network.Forward(x, new float[1]);
        network.Backward([0.25f]);
        ReadOnlySpan<float> gradients = network.Gradients;

        float dy = gradients[^1];
        Assert.True(Math.Abs(dy) > 1e-3, $"dL/dy = {dy}: the check would be vacuous");
        for (int j = 0; j < pooled; j++)
        {
            Assert.Equal(dy, gradients[dense + j]); // every pooled value is exactly 1
        }

        double[] Expected(int rowInWindow, int columnInWindow)
        {
            var expected = new double[Channels];
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    double input = x[(oy * stride + rowInWindow) * width + ox * stride + columnInWindow];
                    for (int c = 0; c < Channels; c++)
                    {
                        expected[c] += input * v[(oy * outWidth + ox) * Channels + c] * dy;
                    }
                }
            }

            return expected;
        }

        double[] first = Expected(0, 0);
        double[] last = Expected(kernelHeight - 1, kernelWidth - 1);
        for (int c = 0; c < Channels; c++)
        {
            double scale = Math.Max(1e-2, Math.Abs(first[c]));
            Assert.True(Math.Abs(gradients[c] - first[c]) <= Tolerance * scale,
                $"channel {c}: weight gradient {gradients[c]:R}, the first positions give {first[c]:R}, the last ones {last[c]:R}");
            Assert.True(Math.Abs(last[c] - first[c]) > 100 * Tolerance * scale, $"channel {c}: first and last positions cannot be told apart");
        }
    }
}

using System;
using StaticNets.Tests.Support;
using Xunit;

namespace StaticNets.Tests.Training;

public sealed class DropoutTests
{
    private const int Width = DropoutProbeNet.InputSize;
    private const float Rate = 0.3f;

    // The kept fraction over n independent draws has standard deviation sqrt(p(1-p)/n); six of them make a false
    // failure rarer than one in a hundred million runs.
    private const double Sigmas = 6;

    [Fact]
    public void MaskRateMatchesTheDeclaredRateAndKeptValuesAreScaled()
    {
        DropoutProbeNet net = IdentityProbe();
        float[] ones = new float[8 * Width];
        Array.Fill(ones, 1f);
        float[] outputs = new float[8 * Width];
        long dropped = 0, total = 0;
        for (int round = 0; round < 50; round++)
        {
            net.Forward(ones, outputs);
            foreach (float value in outputs)
            {
                if (value == 0f)
                {
                    dropped++;
                }
                else
                {
                    Assert.Equal(1f / (1f - Rate), value, 6);
                }

                total++;
            }
        }

        double fraction = (double)dropped / total;
        double bound = Sigmas * Math.Sqrt(Rate * (1 - Rate) / total);
        Assert.InRange(fraction, Rate - bound, Rate + bound);
    }

    [Fact]
    public void PredictIgnoresDropout()
    {
        DropoutProbeNet net = IdentityProbe();
        var input = new float[Width];
        for (int k = 0; k < Width; k++)
        {
            input[k] = k * 0.01f - 1f;
        }

        var output = new float[Width];
        net.Predict(input, output);

        Assert.Equal(input, output);
    }

    [Fact]
    public void BackwardSendsGradientOnlyThroughKeptValues()
    {
        DropoutProbeNet net = IdentityProbe();
        float[] ones = new float[Width];
        Array.Fill(ones, 1f);
        float[] outputs = new float[Width];
        float[] targets = new float[Width];

        net.ZeroGradients();
        net.Forward(ones, outputs);
        net.Backward(targets);

        // MSE: dLoss/dout = 2·out/Width. The weight gradient of row i is (masked input i)·dLoss/dout, so a dropped
        // input has an all-zero row and a kept one has row i = scale·dLoss/dout.
        ReadOnlySpan<float> gradients = net.Gradients;
        for (int i = 0; i < Width; i++)
        {
            float expectedInput = outputs[i]; // the identity layer shows the masked input
            for (int o = 0; o < Width; o += 97)
            {
                float expected = expectedInput * 2f * outputs[o] / Width;
                Assert.Equal(expected, gradients[i * Width + o], 5);
            }
        }
    }

    [Fact]
    public void TrainingWithDropoutAndPenaltiesAllocatesNothing()
    {
        var net = new RegularizedDropoutNet(seed: 1);
        var random = new SeededRandom(2);
        float[] x = new float[16 * RegularizedDropoutNet.InputSize];
        float[] y = new float[16 * RegularizedDropoutNet.OutputSize];
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = (float)random.NextGaussian();
        }

        for (int s = 0; s < 16; s++)
        {
            y[s * RegularizedDropoutNet.OutputSize + s % RegularizedDropoutNet.OutputSize] = 1f;
        }

        float loss = 0f;
        long allocated = Allocations.OnThisThread(() => loss = net.TrainBatch(x, y));

        Assert.Equal(0, allocated);
        Assert.True(float.IsFinite(loss));
        Assert.True(net.LastRegularizationLoss > 0f);
        Assert.Equal(loss, net.LastDataLoss + net.LastRegularizationLoss);
    }

    private static DropoutProbeNet IdentityProbe()
    {
        var net = new DropoutProbeNet(seed: 5);
        Span<float> parameters = net.Parameters;
        parameters.Clear();
        for (int k = 0; k < Width; k++)
        {
            parameters[k * Width + k] = 1f;
        }

        return net;
    }
}

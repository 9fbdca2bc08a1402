using System;

namespace StaticNets;

/// <summary>Weight initialisation used by generated constructors. Biases start at zero.</summary>
public static class Initializers
{
    /// <summary>
    /// He (Kaiming) normal initialisation for ReLU-family layers: <c>w ~ N(0, 2 / fanIn)</c>, as PyTorch's
    /// <c>kaiming_normal_(mode="fan_in", nonlinearity="relu")</c>.
    /// </summary>
    /// <param name="weights">The weights to fill.</param>
    /// <param name="fanIn">The number of inputs of the layer.</param>
    /// <param name="random">The network's random source.</param>
    public static void HeNormal(Span<float> weights, int fanIn, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentNullException.ThrowIfNull(random);
        double deviation = Math.Sqrt(2.0 / fanIn);
        for (int k = 0; k < weights.Length; k++)
        {
            weights[k] = (float)(random.NextGaussian() * deviation);
        }
    }

    /// <summary>
    /// Glorot (Xavier) uniform initialisation for every other layer: <c>w ~ U(-r, r)</c> with
    /// <c>r = sqrt(6 / (fanIn + fanOut))</c>, as PyTorch's <c>xavier_uniform_</c>.
    /// </summary>
    /// <param name="weights">The weights to fill.</param>
    /// <param name="fanIn">The number of inputs of the layer.</param>
    /// <param name="fanOut">The number of outputs of the layer.</param>
    /// <param name="random">The network's random source.</param>
    public static void GlorotUniform(Span<float> weights, int fanIn, int fanOut, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fanOut, 1);
        ArgumentNullException.ThrowIfNull(random);
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int k = 0; k < weights.Length; k++)
        {
            weights[k] = (float)((2.0 * random.NextDouble() - 1.0) * limit);
        }
    }
}

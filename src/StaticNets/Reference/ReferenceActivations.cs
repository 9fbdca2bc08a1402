using System;

namespace StaticNets.Reference;

/// <summary>Every activation and its derivative in <see cref="double"/>, written as plainly as possible.</summary>
public static class ReferenceActivations
{
    /// <summary>Applies <paramref name="activation"/> to one value. Softmax is handled by <see cref="Softmax"/>.</summary>
    /// <param name="activation">The activation.</param>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation value.</returns>
    public static double Forward(Activation activation, double z) => activation switch
    {
        Activation.Linear => z,
        Activation.Sigmoid => 1.0 / (1.0 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.ReLU => Math.Max(z, 0.0),
        Activation.LeakyReLU => z > 0 ? z : 0.01 * z,
        Activation.ELU => z > 0 ? z : Math.Exp(z) - 1.0,
        Activation.Softplus => Math.Max(z, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z))),
        Activation.SiLU => z / (1.0 + Math.Exp(-z)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an elementwise activation."),
    };

    /// <summary>The derivative of <paramref name="activation"/> at <paramref name="z"/>.</summary>
    /// <param name="activation">The activation.</param>
    /// <param name="z">The pre-activation.</param>
    /// <returns>da/dz.</returns>
    public static double Derivative(Activation activation, double z) => activation switch
    {
        Activation.Linear => 1.0,
        Activation.Sigmoid => Forward(Activation.Sigmoid, z) * (1.0 - Forward(Activation.Sigmoid, z)),
        Activation.Tanh => 1.0 - Math.Tanh(z) * Math.Tanh(z),
        Activation.ReLU => z > 0 ? 1.0 : 0.0,
        Activation.LeakyReLU => z > 0 ? 1.0 : 0.01,
        Activation.ELU => z > 0 ? 1.0 : Math.Exp(z),
        Activation.Softplus => 1.0 / (1.0 + Math.Exp(-z)),
        Activation.SiLU => Forward(Activation.Sigmoid, z) * (1.0 + z * (1.0 - Forward(Activation.Sigmoid, z))),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an elementwise activation."),
    };

    /// <summary>Writes <c>softmax(z)</c> into <paramref name="a"/>.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="a">Receives the probabilities.</param>
    public static void Softmax(ReadOnlySpan<double> z, Span<double> a)
    {
        double max = double.NegativeInfinity;
        foreach (double value in z)
        {
            max = Math.Max(max, value);
        }

        double sum = 0;
        for (int k = 0; k < z.Length; k++)
        {
            a[k] = Math.Exp(z[k] - max);
            sum += a[k];
        }

        for (int k = 0; k < z.Length; k++)
        {
            a[k] /= sum;
        }
    }
}

using System;

namespace StaticNets.Reference;

/// <summary>
/// Every activation the generator supports, and its derivative, in <see cref="double"/>, written as plainly as possible:
/// Linear, Sigmoid, Tanh, ReLU, LeakyReLU, ELU, Softplus, GELU (exact, <c>z·Φ(z)</c> with <see cref="ReferenceErf"/>),
/// SiLU, and Softmax through <see cref="Softmax"/>.
/// </summary>
/// <remarks>
/// LeakyReLU's negative slope and ELU's alpha are the activation's parameter: the overloads taking
/// <c>parameter</c> use it, the others PyTorch's defaults, <see cref="DefaultNegativeSlope"/> and
/// <see cref="DefaultAlpha"/>. Generated layers take the same defaults, as the floats
/// <see cref="Operators.LeakyReLUOperator.Slope"/> and <see cref="Operators.EluOperator.Alpha"/>, when a layer sets
/// neither <see cref="DenseAttribute.NegativeSlope"/> nor <see cref="DenseAttribute.Alpha"/> (or the same properties of
/// <see cref="Conv2DAttribute"/>). At the kink z = 0 the derivatives follow PyTorch: ReLU'(0) = 0,
/// LeakyReLU'(0) = slope, ELU'(0) = alpha.
/// </remarks>
public static class ReferenceActivations
{
    /// <summary>LeakyReLU's negative slope when a layer sets none: PyTorch's default <c>negative_slope</c>, 0.01.</summary>
    public const double DefaultNegativeSlope = 0.01;

    /// <summary>ELU's alpha when a layer sets none: PyTorch's default <c>alpha</c>, 1.</summary>
    public const double DefaultAlpha = 1.0;

    /// <summary>
    /// The parameter <see cref="Forward(Activation, double)"/> and <see cref="Derivative(Activation, double)"/> use:
    /// <see cref="DefaultNegativeSlope"/> for LeakyReLU, <see cref="DefaultAlpha"/> for ELU, and 0 (ignored) for the
    /// activations without a parameter.
    /// </summary>
    /// <param name="activation">The activation.</param>
    /// <returns>The activation's default parameter.</returns>
    public static double DefaultParameter(Activation activation) => activation switch
    {
        Activation.LeakyReLU => DefaultNegativeSlope,
        Activation.ELU => DefaultAlpha,
        _ => 0.0,
    };

    /// <summary>
    /// Applies <paramref name="activation"/> to one value, LeakyReLU and ELU with their default parameters
    /// (<see cref="DefaultParameter"/>). Softmax is handled by <see cref="Softmax"/>.
    /// </summary>
    /// <param name="activation">The activation.</param>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="activation"/> is Softmax or not an activation.</exception>
    public static double Forward(Activation activation, double z) => Forward(activation, z, DefaultParameter(activation));

    /// <summary>Applies <paramref name="activation"/> to one value. Softmax is handled by <see cref="Softmax"/>.</summary>
    /// <param name="activation">The activation.</param>
    /// <param name="z">The pre-activation.</param>
    /// <param name="parameter">LeakyReLU's negative slope or ELU's alpha; the other activations ignore it.</param>
    /// <returns>The activation value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="activation"/> is Softmax or not an activation.</exception>
    public static double Forward(Activation activation, double z, double parameter) => activation switch
    {
        Activation.Linear => z,
        Activation.Sigmoid => 1.0 / (1.0 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.ReLU => Math.Max(z, 0.0),
        Activation.LeakyReLU => z > 0 ? z : parameter * z,
        Activation.ELU => z > 0 ? z : parameter * (Math.Exp(z) - 1.0),
        Activation.Softplus => Math.Max(z, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z))),
        Activation.GELU => z * ReferenceErf.Cdf(z),
        Activation.SiLU => z / (1.0 + Math.Exp(-z)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an elementwise activation."),
    };

    /// <summary>
    /// The derivative of <paramref name="activation"/> at <paramref name="z"/>, LeakyReLU and ELU with their default
    /// parameters (<see cref="DefaultParameter"/>).
    /// </summary>
    /// <param name="activation">The activation.</param>
    /// <param name="z">The pre-activation.</param>
    /// <returns>da/dz.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="activation"/> is Softmax or not an activation.</exception>
    public static double Derivative(Activation activation, double z) => Derivative(activation, z, DefaultParameter(activation));

    /// <summary>The derivative of <paramref name="activation"/> at <paramref name="z"/>.</summary>
    /// <param name="activation">The activation.</param>
    /// <param name="z">The pre-activation.</param>
    /// <param name="parameter">LeakyReLU's negative slope or ELU's alpha; the other activations ignore it.</param>
    /// <returns>da/dz.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="activation"/> is Softmax or not an activation.</exception>
    public static double Derivative(Activation activation, double z, double parameter) => activation switch
    {
        Activation.Linear => 1.0,
        Activation.Sigmoid => Forward(Activation.Sigmoid, z) * (1.0 - Forward(Activation.Sigmoid, z)),
        Activation.Tanh => 1.0 - Math.Tanh(z) * Math.Tanh(z),
        Activation.ReLU => z > 0 ? 1.0 : 0.0,
        Activation.LeakyReLU => z > 0 ? 1.0 : parameter,
        Activation.ELU => z > 0 ? 1.0 : parameter * Math.Exp(z),
        Activation.Softplus => 1.0 / (1.0 + Math.Exp(-z)),
        Activation.GELU => ReferenceErf.Cdf(z) + z * ReferenceErf.Density(z),
        Activation.SiLU => Forward(Activation.Sigmoid, z) * (1.0 + z * (1.0 - Forward(Activation.Sigmoid, z))),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an elementwise activation."),
    };

    /// <summary>
    /// The parameter a reference network's layer <paramref name="layer"/> uses: <paramref name="parameter"/>, or the
    /// activation's default when it is null.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="parameter"/> is set on an activation other than LeakyReLU and ELU (which would ignore it), or is
    /// not finite (NaN is how the attributes mark an unset parameter).
    /// </exception>
    internal static double LayerParameter(Activation activation, double? parameter, int layer, string argumentName)
    {
        if (parameter is not { } value)
        {
            return DefaultParameter(activation);
        }

        if (activation is not (Activation.LeakyReLU or Activation.ELU))
        {
            throw new ArgumentException($"Layer {layer}: {activation} takes no activation parameter, but {value} is given.", argumentName);
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Layer {layer}: {activation}'s parameter must be finite, not {value}.", argumentName);
        }

        return value;
    }

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

using System;

namespace StaticNets.Reference;

/// <summary>
/// A dense layer in <see cref="double"/> with plain loops: the definition the generated kernels are tested against.
/// Weights are <c>(inputs, outputs)</c> row-major, as in the generated parameter layout.
/// </summary>
public static class DenseReference
{
    /// <summary>
    /// One sample: <c>z = x·W + b; a = activation(z)</c>, LeakyReLU and ELU with their default parameters
    /// (<see cref="ReferenceActivations.DefaultParameter"/>).
    /// </summary>
    /// <param name="weights">The <c>(inputs, outputs)</c> weights.</param>
    /// <param name="bias">The <c>outputs</c> biases.</param>
    /// <param name="activation">The layer's activation.</param>
    /// <param name="x">The layer's input.</param>
    /// <param name="z">Receives the pre-activation.</param>
    /// <param name="a">Receives the activation.</param>
    public static void Forward(ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Activation activation,
        ReadOnlySpan<double> x, Span<double> z, Span<double> a) =>
        Forward(weights, bias, activation, ReferenceActivations.DefaultParameter(activation), x, z, a);

    /// <summary>One sample: <c>z = x·W + b; a = activation(z)</c>.</summary>
    /// <param name="weights">The <c>(inputs, outputs)</c> weights.</param>
    /// <param name="bias">The <c>outputs</c> biases.</param>
    /// <param name="activation">The layer's activation.</param>
    /// <param name="activationParameter">LeakyReLU's negative slope or ELU's alpha; the other activations ignore it.</param>
    /// <param name="x">The layer's input.</param>
    /// <param name="z">Receives the pre-activation.</param>
    /// <param name="a">Receives the activation.</param>
    public static void Forward(ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, Activation activation, double activationParameter,
        ReadOnlySpan<double> x, Span<double> z, Span<double> a)
    {
        int outputs = bias.Length;
        for (int o = 0; o < outputs; o++)
        {
            double sum = bias[o];
            for (int i = 0; i < x.Length; i++)
            {
                sum += x[i] * weights[i * outputs + o];
            }

            z[o] = sum;
        }

        if (activation == Activation.Softmax)
        {
            ReferenceActivations.Softmax(z, a);
            return;
        }

        for (int o = 0; o < outputs; o++)
        {
            a[o] = ReferenceActivations.Forward(activation, z[o], activationParameter);
        }
    }

    /// <summary>
    /// One sample, given <c>dz</c> (the loss gradient with respect to <c>z</c>): adds <c>x^T·dz</c> to the weight
    /// gradient and <c>dz</c> to the bias gradient, and writes <c>dx = dz·W^T</c>.
    /// </summary>
    /// <param name="weights">The <c>(inputs, outputs)</c> weights.</param>
    /// <param name="x">The layer's input.</param>
    /// <param name="dz">The loss gradient with respect to the pre-activation.</param>
    /// <param name="weightGradient">Accumulates the weight gradient.</param>
    /// <param name="biasGradient">Accumulates the bias gradient.</param>
    /// <param name="dx">Receives the loss gradient with respect to the input; may be empty to skip it.</param>
    public static void Backward(ReadOnlySpan<double> weights, ReadOnlySpan<double> x, ReadOnlySpan<double> dz,
        Span<double> weightGradient, Span<double> biasGradient, Span<double> dx)
    {
        int outputs = dz.Length;
        for (int i = 0; i < x.Length; i++)
        {
            for (int o = 0; o < outputs; o++)
            {
                weightGradient[i * outputs + o] += x[i] * dz[o];
            }
        }

        for (int o = 0; o < outputs; o++)
        {
            biasGradient[o] += dz[o];
        }

        for (int i = 0; i < dx.Length; i++)
        {
            double sum = 0;
            for (int o = 0; o < outputs; o++)
            {
                sum += weights[i * outputs + o] * dz[o];
            }

            dx[i] = sum;
        }
    }
}

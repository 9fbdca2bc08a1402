using System;

namespace StaticNets.Operators;

/// <summary>
/// Hinge loss of one sample on raw scores, the building block of <see cref="Loss.Hinge"/>, as Keras' <c>Hinge</c>:
/// with labels <c>y_k</c> in {-1, +1} and scores <c>f_k</c>, <c>loss = Σ_k max(0, 1 - y_k·f_k)</c> and
/// <c>dloss/df_k = 1 - y_k·f_k &gt; 0 ? -y_k : 0</c> (0 at the kink, where the margin is exactly 1).
/// The network divides by <c>batch · outputs</c>.
/// </summary>
public static class HingeLoss
{
    /// <summary>Returns one sample's hinge loss and writes <c>scale · dloss/df</c> to <paramref name="df"/>.</summary>
    /// <param name="f">The raw scores (a linear output layer's activations).</param>
    /// <param name="y">The labels, each -1 or +1.</param>
    /// <param name="df">Receives the scaled gradient with respect to the scores.</param>
    /// <param name="scale">The factor on the gradient, <c>1 / (batch · outputs)</c> for the mean.</param>
    /// <returns>The unscaled hinge loss of the sample.</returns>
    public static float Evaluate(ReadOnlySpan<float> f, ReadOnlySpan<float> y, Span<float> df, float scale)
    {
        float sum = 0f;
        for (int k = 0; k < f.Length; k++)
        {
            float gap = 1f - y[k] * f[k];
            sum += MathF.Max(gap, 0f);
            df[k] = gap > 0f ? -y[k] * scale : 0f;
        }

        return sum;
    }
}

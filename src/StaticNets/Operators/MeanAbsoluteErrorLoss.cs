using System;

namespace StaticNets.Operators;

/// <summary>
/// Absolute error of one sample, the building block of <see cref="Loss.MeanAbsoluteError"/>:
/// <c>loss = Σ_k |a_k - y_k|</c> and <c>dloss/da_k = sign(a_k - y_k)</c>, with <c>sign(0) = 0</c> as PyTorch's
/// <c>L1Loss</c>. The network divides by <c>batch · outputs</c>, as <c>L1Loss(reduction="mean")</c> does.
/// </summary>
public static class MeanAbsoluteErrorLoss
{
    /// <summary>Returns one sample's absolute error and writes <c>scale · dloss/da</c> to <paramref name="da"/>.</summary>
    /// <param name="a">The outputs.</param>
    /// <param name="y">The target row.</param>
    /// <param name="da">Receives the scaled gradient with respect to the outputs.</param>
    /// <param name="scale">The factor on the gradient, <c>1 / (batch · outputs)</c> for the mean.</param>
    /// <returns>The unscaled absolute error of the sample.</returns>
    public static float Evaluate(ReadOnlySpan<float> a, ReadOnlySpan<float> y, Span<float> da, float scale)
    {
        float sum = 0f;
        for (int k = 0; k < a.Length; k++)
        {
            float error = a[k] - y[k];
            sum += MathF.Abs(error);
            da[k] = error > 0f ? scale : error < 0f ? -scale : 0f;
        }

        return sum;
    }
}

using System;

namespace StaticNets.Operators;

/// <summary>
/// Squared error of one sample, the building block of <see cref="Loss.MeanSquaredError"/>:
/// <c>loss = Σ_k (a_k - y_k)²</c> and <c>dloss/da_k = 2·(a_k - y_k)</c>. The network divides by
/// <c>batch · outputs</c>, as PyTorch's <c>MSELoss(reduction="mean")</c> does.
/// </summary>
public static class MeanSquaredErrorLoss
{
    /// <summary>Returns one sample's squared error and writes <c>scale · dloss/da</c> to <paramref name="da"/>.</summary>
    /// <param name="a">The outputs.</param>
    /// <param name="y">The target row.</param>
    /// <param name="da">Receives the scaled gradient with respect to the outputs.</param>
    /// <param name="scale">The factor on the gradient, <c>1 / (batch · outputs)</c> for the mean.</param>
    /// <returns>The unscaled squared error of the sample.</returns>
    public static float Evaluate(ReadOnlySpan<float> a, ReadOnlySpan<float> y, Span<float> da, float scale)
    {
        float sum = 0f;
        float twiceScale = 2f * scale;
        for (int k = 0; k < a.Length; k++)
        {
            float error = a[k] - y[k];
            sum += error * error;
            da[k] = error * twiceScale;
        }

        return sum;
    }
}

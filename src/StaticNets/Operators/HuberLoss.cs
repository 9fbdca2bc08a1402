using System;

namespace StaticNets.Operators;

/// <summary>
/// Huber loss of one sample, the building block of <see cref="Loss.Huber"/>, exactly as PyTorch's
/// <c>HuberLoss(delta)</c>: with <c>r_k = a_k - y_k</c>, <c>loss = Σ_k (|r_k| &lt; delta ? 0.5·r_k² : delta·(|r_k| - 0.5·delta))</c>
/// and <c>dloss/da_k = r_k &lt;= -delta ? -delta : r_k &gt;= delta ? delta : r_k</c>. Both branches agree at
/// <c>|r| = delta</c> (loss <c>0.5·delta²</c>, gradient <c>±delta</c>), so the loss is continuously differentiable.
/// The network divides by <c>batch · outputs</c>, as <c>HuberLoss(reduction="mean")</c> does.
/// </summary>
public static class HuberLoss
{
    /// <summary>Returns one sample's Huber loss and writes <c>scale · dloss/da</c> to <paramref name="da"/>.</summary>
    /// <param name="a">The outputs.</param>
    /// <param name="y">The target row.</param>
    /// <param name="da">Receives the scaled gradient with respect to the outputs.</param>
    /// <param name="scale">The factor on the gradient, <c>1 / (batch · outputs)</c> for the mean.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear; positive.</param>
    /// <returns>The unscaled Huber loss of the sample.</returns>
    public static float Evaluate(ReadOnlySpan<float> a, ReadOnlySpan<float> y, Span<float> da, float scale, float delta)
    {
        float sum = 0f;
        for (int k = 0; k < a.Length; k++)
        {
            float error = a[k] - y[k];
            float size = MathF.Abs(error);
            sum += size < delta ? 0.5f * error * error : delta * (size - 0.5f * delta);
            float slope = error <= -delta ? -delta : error >= delta ? delta : error;
            da[k] = slope * scale;
        }

        return sum;
    }
}

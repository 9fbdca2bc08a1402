using System;

namespace StaticNets.Operators;

/// <summary>
/// Logistic loss of one sample on raw scores, the building block of <see cref="Loss.Logistic"/>, as PyTorch's
/// <c>SoftMarginLoss</c>: with labels <c>y_k</c> in {-1, +1}, scores <c>f_k</c> and <c>m_k = -y_k·f_k</c>,
/// <c>loss = Σ_k log(1 + exp(m_k))</c> and <c>dloss/df_k = -y_k·sigmoid(m_k)</c>. The log is taken as the softplus
/// <c>max(m, 0) + log(1 + exp(-|m|))</c>, so large margins of either sign cannot overflow.
/// The network divides by <c>batch · outputs</c>, as <c>SoftMarginLoss(reduction="mean")</c> does.
/// </summary>
public static class LogisticLoss
{
    /// <summary>Returns one sample's logistic loss and writes <c>scale · dloss/df</c> to <paramref name="df"/>.</summary>
    /// <param name="f">The raw scores (a linear output layer's activations).</param>
    /// <param name="y">The labels, each -1 or +1.</param>
    /// <param name="df">Receives the scaled gradient with respect to the scores.</param>
    /// <param name="scale">The factor on the gradient, <c>1 / (batch · outputs)</c> for the mean.</param>
    /// <returns>The unscaled logistic loss of the sample.</returns>
    public static float Evaluate(ReadOnlySpan<float> f, ReadOnlySpan<float> y, Span<float> df, float scale)
    {
        float sum = 0f;
        for (int k = 0; k < f.Length; k++)
        {
            float m = -y[k] * f[k];
            sum += SoftplusOperator.Forward(m);
            df[k] = -y[k] * SigmoidOperator.Forward(m) * scale;
        }

        return sum;
    }
}

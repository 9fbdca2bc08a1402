using System;

namespace StaticNets.Benchmarks.Baselines;

/// <summary>
/// The baseline the generated networks are compared with: a two-layer perceptron (one hidden layer, softmax output,
/// softmax cross-entropy loss, plain SGD) written the way a developer would write it by hand, with ordinary scalar
/// loops over <c>float[]</c> arrays. No SIMD, no unsafe code, no code generation; sizes are fields, not constants.
/// </summary>
/// <remarks>
/// <para>Weights are stored per neuron, <c>(outputs, inputs)</c> row-major, so every neuron's pre-activation is a
/// contiguous dot product: <c>z[o] = b[o] + Σ_i W[o, i]·x[i]</c>. This is the transpose of StaticNets' layout;
/// <see cref="CopyFrom"/> and <see cref="CopyTo"/> convert.</para>
/// <para>Like the generated code, <see cref="Predict"/> allocates nothing (its scratch buffers are created once),
/// but unlike it, it is not thread-safe: a hand-written class usually keeps its scratch arrays as fields.</para>
/// </remarks>
public sealed class PlainMlp
{
    private readonly int _inputs;
    private readonly int _hidden;
    private readonly int _outputs;
    private readonly PlainActivation _activation;

    // Parameters: (hidden, inputs) and (outputs, hidden) weights, one row per neuron, and their biases.
    private readonly float[] _w1, _b1, _w2, _b2;

    // Gradients, same shapes as the parameters.
    private readonly float[] _dw1, _db1, _dw2, _db2;

    // Scratch: hidden activation, output logits, and the backward deltas.
    private readonly float[] _hiddenActivations, _logits, _dLogits, _dHidden;

    /// <summary>Creates a network with zero parameters; fill them with <see cref="CopyFrom"/>.</summary>
    public PlainMlp(int inputs, int hidden, int outputs, PlainActivation activation, float learningRate)
    {
        _inputs = inputs;
        _hidden = hidden;
        _outputs = outputs;
        _activation = activation;
        LearningRate = learningRate;

        _w1 = new float[hidden * inputs];
        _b1 = new float[hidden];
        _w2 = new float[outputs * hidden];
        _b2 = new float[outputs];
        _dw1 = new float[hidden * inputs];
        _db1 = new float[hidden];
        _dw2 = new float[outputs * hidden];
        _db2 = new float[outputs];
        _hiddenActivations = new float[hidden];
        _logits = new float[outputs];
        _dLogits = new float[outputs];
        _dHidden = new float[hidden];
    }

    /// <summary>The SGD learning rate.</summary>
    public float LearningRate { get; set; }

    /// <summary>Number of weights and biases.</summary>
    public int ParameterCount => _w1.Length + _b1.Length + _w2.Length + _b2.Length;

    /// <summary>Runs one sample forward and writes the softmax probabilities to <paramref name="probabilities"/>.</summary>
    public void Predict(ReadOnlySpan<float> input, Span<float> probabilities)
    {
        Forward(input);
        Softmax(_logits, probabilities);
    }

    /// <summary>
    /// One SGD step on one sample: forward, softmax cross-entropy loss against the target row, backward, update.
    /// </summary>
    /// <returns>The loss before the update.</returns>
    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target)
    {
        Forward(input);

        // Loss and output delta. With p = softmax(z): loss = logsumexp(z) - Σ_k y_k·z_k,
        // and dLoss/dz_k = p_k - y_k (for a target row that sums to 1).
        float max = _logits[0];
        for (int o = 1; o < _outputs; o++)
        {
            max = Math.Max(max, _logits[o]);
        }

        float sum = 0f;
        for (int o = 0; o < _outputs; o++)
        {
            sum += MathF.Exp(_logits[o] - max);
        }

        float logSumExp = max + MathF.Log(sum);
        float loss = 0f;
        for (int o = 0; o < _outputs; o++)
        {
            float p = MathF.Exp(_logits[o] - logSumExp);
            loss += target[o] * (logSumExp - _logits[o]);
            _dLogits[o] = p - target[o];
        }

        // Output layer gradients: dW2[o, h] = dz[o]·a1[h], db2[o] = dz[o].
        for (int o = 0; o < _outputs; o++)
        {
            float d = _dLogits[o];
            _db2[o] = d;
            for (int h = 0; h < _hidden; h++)
            {
                _dw2[o * _hidden + h] = d * _hiddenActivations[h];
            }
        }

        // Back to the hidden layer: da1[h] = Σ_o W2[o, h]·dz[o], then dz1 = da1 ⊙ activation'(z1).
        for (int h = 0; h < _hidden; h++)
        {
            float da = 0f;
            for (int o = 0; o < _outputs; o++)
            {
                da += _w2[o * _hidden + h] * _dLogits[o];
            }

            float a = _hiddenActivations[h];
            float derivative = _activation == PlainActivation.ReLU ? (a > 0f ? 1f : 0f) : 1f - a * a;
            _dHidden[h] = da * derivative;
        }

        // Hidden layer gradients: dW1[h, i] = dz1[h]·x[i], db1[h] = dz1[h].
        for (int h = 0; h < _hidden; h++)
        {
            float d = _dHidden[h];
            _db1[h] = d;
            for (int i = 0; i < _inputs; i++)
            {
                _dw1[h * _inputs + i] = d * input[i];
            }
        }

        // SGD: θ = θ - lr·g.
        Update(_w1, _dw1);
        Update(_b1, _db1);
        Update(_w2, _dw2);
        Update(_b2, _db2);
        return loss;
    }

    /// <summary>
    /// Copies parameters from StaticNets' layout (per layer: <c>(inputs, outputs)</c> weights, then biases),
    /// transposing the weights into this class's per-neuron rows.
    /// </summary>
    public void CopyFrom(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount)
        {
            throw new ArgumentException($"Expected {ParameterCount} parameters, got {parameters.Length}.", nameof(parameters));
        }

        int offset = 0;
        offset = ReadLayer(parameters, offset, _w1, _b1, _inputs, _hidden);
        ReadLayer(parameters, offset, _w2, _b2, _hidden, _outputs);
    }

    /// <summary>Writes the parameters in StaticNets' layout, so they can be compared with a generated network's.</summary>
    public void CopyTo(Span<float> parameters)
    {
        int offset = 0;
        offset = WriteLayer(parameters, offset, _w1, _b1, _inputs, _hidden);
        WriteLayer(parameters, offset, _w2, _b2, _hidden, _outputs);
    }

    private void Forward(ReadOnlySpan<float> input)
    {
        // Hidden layer: one dot product per neuron.
        for (int h = 0; h < _hidden; h++)
        {
            float z = _b1[h];
            for (int i = 0; i < _inputs; i++)
            {
                z += _w1[h * _inputs + i] * input[i];
            }

            _hiddenActivations[h] = _activation == PlainActivation.ReLU ? Math.Max(z, 0f) : MathF.Tanh(z);
        }

        // Output layer: logits.
        for (int o = 0; o < _outputs; o++)
        {
            float z = _b2[o];
            for (int h = 0; h < _hidden; h++)
            {
                z += _w2[o * _hidden + h] * _hiddenActivations[h];
            }

            _logits[o] = z;
        }
    }

    private static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        float max = logits[0];
        for (int k = 1; k < logits.Length; k++)
        {
            max = Math.Max(max, logits[k]);
        }

        float sum = 0f;
        for (int k = 0; k < logits.Length; k++)
        {
            probabilities[k] = MathF.Exp(logits[k] - max);
            sum += probabilities[k];
        }

        for (int k = 0; k < logits.Length; k++)
        {
            probabilities[k] /= sum;
        }
    }

    private void Update(float[] parameters, float[] gradients)
    {
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] -= LearningRate * gradients[k];
        }
    }

    private static int ReadLayer(ReadOnlySpan<float> source, int offset, float[] weights, float[] biases, int inputs, int outputs)
    {
        for (int i = 0; i < inputs; i++)
        {
            for (int o = 0; o < outputs; o++)
            {
                weights[o * inputs + i] = source[offset + i * outputs + o];
            }
        }

        offset += inputs * outputs;
        source.Slice(offset, outputs).CopyTo(biases);
        return offset + outputs;
    }

    private static int WriteLayer(Span<float> destination, int offset, float[] weights, float[] biases, int inputs, int outputs)
    {
        for (int i = 0; i < inputs; i++)
        {
            for (int o = 0; o < outputs; o++)
            {
                destination[offset + i * outputs + o] = weights[o * inputs + i];
            }
        }

        offset += inputs * outputs;
        biases.CopyTo(destination.Slice(offset, outputs));
        return offset + outputs;
    }
}

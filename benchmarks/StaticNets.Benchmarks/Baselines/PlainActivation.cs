namespace StaticNets.Benchmarks.Baselines;

/// <summary>The hidden-layer activations the plain baseline supports.</summary>
public enum PlainActivation
{
    /// <summary><c>max(z, 0)</c>.</summary>
    ReLU,

    /// <summary><c>tanh(z)</c>.</summary>
    Tanh,
}

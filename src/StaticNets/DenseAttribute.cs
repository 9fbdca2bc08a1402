using System;

namespace StaticNets;

/// <summary>Declares a fully connected layer: <c>z = x·W + b; a = activation(z)</c>.</summary>
/// <remarks>Layers are applied in the order their attributes appear in the source.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a layer of <paramref name="units"/> outputs.</summary>
    /// <param name="units">Outputs of the layer; at least 1.</param>
    /// <param name="activation">The activation applied to the layer's outputs.</param>
    public DenseAttribute(int units, Activation activation = Activation.Linear)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>Outputs of the layer.</summary>
    public int Units { get; }

    /// <summary>The activation applied to the layer's outputs.</summary>
    public Activation Activation { get; }

    /// <summary><see cref="Activation.LeakyReLU"/>'s slope for negative inputs. Unset: 0.01, as PyTorch.</summary>
    public float NegativeSlope { get; set; } = float.NaN;

    /// <summary><see cref="Activation.ELU"/>'s alpha &gt; 0. Unset: 1, as PyTorch.</summary>
    public float Alpha { get; set; } = float.NaN;

    /// <summary>L1 penalty factor ≥ 0 on this layer's weights; overrides <see cref="NetworkAttribute.L1"/>.</summary>
    public float L1 { get; set; } = float.NaN;

    /// <summary>L2 penalty factor ≥ 0 on this layer's weights; overrides <see cref="NetworkAttribute.L2"/>.</summary>
    public float L2 { get; set; } = float.NaN;
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using StaticNets.Reference;

namespace StaticNets.Tests.Support;

/// <summary>
/// One generated network type, seen through <see cref="INetwork"/>, with its shape read back from the same attributes
/// the generator reads, so that the matching <see cref="ReferenceNetwork"/> is built independently of generated code.
/// </summary>
public sealed class NetworkCase
{
    // object, not INetwork: an interface with static abstract members cannot be a type argument (CS8920).
    private readonly Func<int, int, object> _create;

    private NetworkCase(Type type, int inputSize, int outputSize, int parameterCount, string architecture,
        int defaultMaxBatchSize, Func<int, int, object> create)
    {
        Type = type;
        InputSize = inputSize;
        OutputSize = outputSize;
        ParameterCount = parameterCount;
        Architecture = architecture;
        DefaultMaxBatchSize = defaultMaxBatchSize;
        _create = create;

        NetworkAttribute network = type.GetCustomAttribute<NetworkAttribute>()
            ?? throw new InvalidOperationException($"{type.Name} has no [Network].");
        Loss = network.Loss;
        DeclaredInputSize = type.GetCustomAttribute<InputAttribute>()!.Size;
        // Attributes come back in metadata order, which the C# compiler keeps equal to source order.
        Layers = type.GetCustomAttributes<DenseAttribute>()
            .Select(d => (d.Units, d.Activation, DeclaredActivationParameter(d.Activation, d.NegativeSlope, d.Alpha))).ToArray();
    }

    /// <summary>The generated type.</summary>
    public Type Type { get; }

    /// <summary>The type's name, used as the theory data.</summary>
    public string Name => Type.Name;

    /// <summary>The generated <c>InputSize</c>.</summary>
    public int InputSize { get; }

    /// <summary>The generated <c>OutputSize</c>.</summary>
    public int OutputSize { get; }

    /// <summary>The generated <c>ParameterCount</c>.</summary>
    public int ParameterCount { get; }

    /// <summary>The generated <c>Architecture</c>.</summary>
    public string Architecture { get; }

    /// <summary>The generated <c>DefaultMaxBatchSize</c>.</summary>
    public int DefaultMaxBatchSize { get; }

    /// <summary>The loss declared on <c>[Network]</c>.</summary>
    public Loss Loss { get; }

    /// <summary>The size declared on <c>[Input]</c>.</summary>
    public int DeclaredInputSize { get; }

    /// <summary>
    /// The <c>[Dense]</c> layers in declaration order, with the NegativeSlope or Alpha they set (null where unset, so
    /// that the reference takes its own default).
    /// </summary>
    public IReadOnlyList<(int Units, Activation Activation, double? ActivationParameter)> Layers { get; }

    /// <summary>Layer sizes including the input: <c>sizes[0]</c> is the input, <c>sizes[l]</c> the outputs of layer <c>l</c>.</summary>
    public int[] Sizes => [DeclaredInputSize, .. Layers.Select(l => l.Units)];

    /// <summary>Offset of layer <paramref name="layer"/>'s (0-based) weights in the parameter layout.</summary>
    public int WeightsOffset(int layer)
    {
        int[] sizes = Sizes;
        int offset = 0;
        for (int l = 0; l < layer; l++)
        {
            offset += sizes[l] * sizes[l + 1] + sizes[l + 1];
        }

        return offset;
    }

    /// <summary>A reference network with the declared shape and loss.</summary>
    public ReferenceNetwork CreateReference() => new(DeclaredInputSize, Layers, Loss);

    /// <summary>
    /// The activation parameter a layer attribute sets: its NegativeSlope for LeakyReLU, its Alpha for ELU, as the
    /// generator reads them (the float, widened to double), or null where the attribute leaves it unset (NaN).
    /// </summary>
    public static double? DeclaredActivationParameter(Activation activation, float negativeSlope, float alpha) => activation switch
    {
        Activation.LeakyReLU when !float.IsNaN(negativeSlope) => negativeSlope,
        Activation.ELU when !float.IsNaN(alpha) => alpha,
        _ => null,
    };

    /// <summary>Creates the generated network.</summary>
    public INetwork Create(int seed = 0, int? maxBatchSize = null) => (INetwork)_create(seed, maxBatchSize ?? DefaultMaxBatchSize);

    /// <summary>Describes generated type <typeparamref name="T"/>.</summary>
    public static NetworkCase Of<T>(Func<int, int, T> create)
        where T : class, INetwork =>
        new(typeof(T), T.InputSize, T.OutputSize, T.ParameterCount, T.Architecture, GetDefaultMaxBatchSize<T>(), create);

    private static int GetDefaultMaxBatchSize<T>() =>
        (int)typeof(T).GetField("DefaultMaxBatchSize", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

    public override string ToString() => Name;
}

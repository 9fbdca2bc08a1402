using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using StaticNets.Reference;
using StaticNets.Tests.Networks;
using StaticNets.Tests.Support;
using Xunit;

namespace StaticNets.Tests.Convolution;

/// <summary>
/// A generated convolutional network and the <see cref="ConvolutionalReferenceNetwork"/> built from the same attributes,
/// read back by reflection, so that the reference owes nothing to the generated code.
/// </summary>
public sealed class ConvolutionCase
{
    // object, not INetwork: an interface with static abstract members cannot be a type argument.
    private readonly Func<int, int, object> _create;

    private ConvolutionCase(Type type, Func<int, int, object> create)
    {
        Type = type;
        _create = create;
        Loss = type.GetCustomAttribute<NetworkAttribute>()!.Loss;
        InputAttribute input = type.GetCustomAttribute<InputAttribute>()!;
        var layers = new List<ReferenceLayer>();
        foreach (object attribute in type.GetCustomAttributes(inherit: false))
        {
            switch (attribute)
            {
                case Conv2DAttribute conv:
                    layers.Add(new ReferenceLayer.Conv2D(conv.Filters, conv.KernelHeight, conv.KernelWidth, conv.Stride, conv.Stride, conv.Padding == Padding.Same, conv.Activation)
                    {
                        ActivationParameter = NetworkCase.DeclaredActivationParameter(conv.Activation, conv.NegativeSlope, conv.Alpha),
                    });
                    break;
                case MaxPool2DAttribute pool:
                    layers.Add(new ReferenceLayer.MaxPool2D(pool.Height, pool.Width, pool.Stride == 0 ? pool.Height : pool.Stride, pool.Stride == 0 ? pool.Width : pool.Stride));
                    break;
                case AveragePool2DAttribute pool:
                    layers.Add(new ReferenceLayer.AveragePool2D(pool.Height, pool.Width, pool.Stride == 0 ? pool.Height : pool.Stride, pool.Stride == 0 ? pool.Width : pool.Stride));
                    break;
                case GlobalAveragePool2DAttribute:
                    layers.Add(new ReferenceLayer.GlobalAveragePool2D());
                    break;
                case FlattenAttribute:
                    layers.Add(new ReferenceLayer.Flatten());
                    break;
                case DenseAttribute dense:
                    layers.Add(new ReferenceLayer.Dense(dense.Units, dense.Activation)
                    {
                        ActivationParameter = NetworkCase.DeclaredActivationParameter(dense.Activation, dense.NegativeSlope, dense.Alpha),
                    });
                    break;
                case DropoutAttribute dropout:
                    Assert.Equal(0f, dropout.Rate); // only the identity can be compared with a reference that has no dropout
                    break;
            }
        }

        Reference = new ConvolutionalReferenceNetwork(input.Height, input.Width, input.Channels, layers, Loss);
    }

    public Type Type { get; }

    public string Name => Type.Name;

    public Loss Loss { get; }

    public ConvolutionalReferenceNetwork Reference { get; }

    public int InputSize => Reference.InputSize;

    public int OutputSize => Reference.OutputSize;

    public INetwork Create(int seed, int maxBatchSize) => (INetwork)_create(seed, maxBatchSize);

    public override string ToString() => Name;

    private static ConvolutionCase Of<T>(Func<int, int, T> create)
        where T : class => new(typeof(T), (s, b) => create(s, b));

    /// <summary>The small convolutional networks of Networks/ConvolutionNetworks.cs, and the reference CNN.</summary>
    public static readonly ConvolutionCase[] All =
    [
        Of((s, b) => new ConvMaxPoolSoftmax(s, b)),
        Of((s, b) => new ConvSameAveragePoolMse(s, b)),
        Of((s, b) => new ConvGlobalAverageSoftmax(s, b)),
        Of((s, b) => new ConvOverlappingMaxPoolSigmoidMse(s, b)),
        Of((s, b) => new ConvStrideDropoutMse(s, b)),
        Of((s, b) => new ConvGeluSlopeAlphaMse(s, b)),
        Of((s, b) => new ConvAlphaGeluSlopeSoftmax(s, b)),
        Of((s, b) => new FixtureReluMaxPoolTanhSoftmax(s, b)),
        Of((s, b) => new FixtureSameAveragePoolGlobalMse(s, b)),
        Of((s, b) => new FixtureStrideOverlappingMaxPoolSoftmax(s, b)),
        Of((s, b) => new ReferenceCnn(s, b)),
    ];

    /// <summary>The networks small enough to perturb every parameter in a finite-difference check.</summary>
    public static TheoryData<string> SmallNames => new(All.Where(c => c.Reference.ParameterCount < 2000).Select(c => c.Name));

    public static TheoryData<string> AllNames => new(All.Select(c => c.Name));

    public static ConvolutionCase Get(string name) => All.Single(c => c.Name == name);
}

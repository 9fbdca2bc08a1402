using System;
using System.Collections.Generic;
using System.Reflection;
using StaticNets.Tests.PyTorch.Networks;

namespace StaticNets.Tests.PyTorch;

/// <summary>A generated network declared for a fixture case: what it reports about itself, and how to create it.</summary>
public sealed class DeclaredNetwork
{
    // object, not INetwork: an interface with static abstract members cannot be a type argument (CS8920).
    private readonly Func<object> _create;

    private DeclaredNetwork(Type type, string architecture, Func<object> create)
    {
        Type = type;
        Architecture = architecture;
        _create = create;

        // OptimizerName is a public constant of every generated class but not part of INetwork.
        FieldInfo field = type.GetField("OptimizerName", BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{type.Name} has no OptimizerName constant.");
        OptimizerName = (string)field.GetRawConstantValue()!;
        Declaration = type.GetCustomAttribute<NetworkAttribute>()
            ?? throw new InvalidOperationException($"{type.Name} has no [Network].");
    }

    /// <summary>The generated class.</summary>
    public Type Type { get; }

    /// <summary>The generated <c>Architecture</c> constant.</summary>
    public string Architecture { get; }

    /// <summary>The generated <c>OptimizerName</c> constant, e.g. <c>Adam(beta1=0.9, ...)</c>.</summary>
    public string OptimizerName { get; }

    /// <summary>The <c>[Network]</c> attribute as declared (unset properties are NaN).</summary>
    public NetworkAttribute Declaration { get; }

    public static DeclaredNetwork Of<T>(Func<T> create)
        where T : class, INetwork =>
        new(typeof(T), T.Architecture, create);

    /// <summary>Creates a fresh instance with the default seed and batch size.</summary>
    public INetwork Create() => (INetwork)_create();

    public override string ToString() => Type.Name;
}

/// <summary>
/// The networks declared in PyTorch/Networks for the fixture cases, by case name. Attributes need compile-time
/// constants, so each case has its own class; the theories iterate over the fixture files and look the case up here,
/// so a fixture case added without a network fails (it is never skipped), and a network whose case was removed fails
/// the registry test.
/// </summary>
public static class PyTorchNetworks
{
    /// <summary>One network per case of losses.json.</summary>
    public static readonly IReadOnlyDictionary<string, DeclaredNetwork> ForLossCase = new Dictionary<string, DeclaredNetwork>
    {
        ["mse_linear"] = DeclaredNetwork.Of(() => new MseLinear()),
        ["mse_sigmoid"] = DeclaredNetwork.Of(() => new MseSigmoid()),
        ["mae_linear"] = DeclaredNetwork.Of(() => new MaeLinear()),
        ["mae_sigmoid"] = DeclaredNetwork.Of(() => new MaeSigmoid()),
        ["huber_delta1_linear"] = DeclaredNetwork.Of(() => new HuberDelta1Linear()),
        ["huber_delta0.5_linear"] = DeclaredNetwork.Of(() => new HuberDelta0p5Linear()),
        ["huber_delta0.5_sigmoid"] = DeclaredNetwork.Of(() => new HuberDelta0p5Sigmoid()),
        ["bce"] = DeclaredNetwork.Of(() => new Bce()),
        ["bce_binary_targets"] = DeclaredNetwork.Of(() => new BceBinaryTargets()),
        ["bce_large_logits"] = DeclaredNetwork.Of(() => new BceLargeLogits()),
        ["softmax_ce_onehot"] = DeclaredNetwork.Of(() => new SoftmaxCeOnehot()),
        ["softmax_ce_soft_targets"] = DeclaredNetwork.Of(() => new SoftmaxCeSoftTargets()),
        ["softmax_ce_large_logits"] = DeclaredNetwork.Of(() => new SoftmaxCeLargeLogits()),
        ["hinge"] = DeclaredNetwork.Of(() => new Hinge()),
        ["logistic"] = DeclaredNetwork.Of(() => new Logistic()),
        ["hidden_linear_mse"] = DeclaredNetwork.Of(() => new HiddenLinearMse()),
        ["hidden_linear_softmax_ce"] = DeclaredNetwork.Of(() => new HiddenLinearSoftmaxCe()),
        ["hidden_sigmoid_mse"] = DeclaredNetwork.Of(() => new HiddenSigmoidMse()),
        ["hidden_sigmoid_softmax_ce"] = DeclaredNetwork.Of(() => new HiddenSigmoidSoftmaxCe()),
        ["hidden_tanh_mse"] = DeclaredNetwork.Of(() => new HiddenTanhMse()),
        ["hidden_tanh_softmax_ce"] = DeclaredNetwork.Of(() => new HiddenTanhSoftmaxCe()),
        ["hidden_relu_mse"] = DeclaredNetwork.Of(() => new HiddenReLUMse()),
        ["hidden_relu_softmax_ce"] = DeclaredNetwork.Of(() => new HiddenReLUSoftmaxCe()),
        ["hidden_leaky_relu_mse"] = DeclaredNetwork.Of(() => new HiddenLeakyReLUMse()),
        ["hidden_leaky_relu_softmax_ce"] = DeclaredNetwork.Of(() => new HiddenLeakyReLUSoftmaxCe()),
        ["hidden_elu_mse"] = DeclaredNetwork.Of(() => new HiddenEluMse()),
        ["hidden_elu_softmax_ce"] = DeclaredNetwork.Of(() => new HiddenEluSoftmaxCe()),
        ["hidden_softplus_mse"] = DeclaredNetwork.Of(() => new HiddenSoftplusMse()),
        ["hidden_softplus_softmax_ce"] = DeclaredNetwork.Of(() => new HiddenSoftplusSoftmaxCe()),
        ["hidden_gelu_mse"] = DeclaredNetwork.Of(() => new HiddenGeluMse()),
        ["hidden_gelu_softmax_ce"] = DeclaredNetwork.Of(() => new HiddenGeluSoftmaxCe()),
        ["hidden_silu_mse"] = DeclaredNetwork.Of(() => new HiddenSiluMse()),
        ["hidden_silu_softmax_ce"] = DeclaredNetwork.Of(() => new HiddenSiluSoftmaxCe()),
        ["hidden_leaky_relu_0.2_mse"] = DeclaredNetwork.Of(() => new HiddenLeakyReLU0p2Mse()),
        ["hidden_leaky_relu_0.2_softmax_ce"] = DeclaredNetwork.Of(() => new HiddenLeakyReLU0p2SoftmaxCe()),
        ["hidden_elu_0.5_mse"] = DeclaredNetwork.Of(() => new HiddenElu0p5Mse()),
        ["hidden_elu_0.5_softmax_ce"] = DeclaredNetwork.Of(() => new HiddenElu0p5SoftmaxCe()),
        ["l1_mse"] = DeclaredNetwork.Of(() => new L1Mse()),
        ["l2_mse"] = DeclaredNetwork.Of(() => new L2Mse()),
        ["elastic_net_mse"] = DeclaredNetwork.Of(() => new ElasticNetMse()),
        ["elastic_net_softmax_ce"] = DeclaredNetwork.Of(() => new ElasticNetSoftmaxCe()),
        ["deep_relu_gelu_mse"] = DeclaredNetwork.Of(() => new DeepReLUGeluMse()),
        ["deep_elastic_net_softmax_ce"] = DeclaredNetwork.Of(() => new DeepElasticNetSoftmaxCe()),
    };

    /// <summary>One network per case of optimizers.json, every hyper-parameter declared.</summary>
    public static readonly IReadOnlyDictionary<string, DeclaredNetwork> ForOptimizerCase = new Dictionary<string, DeclaredNetwork>
    {
        ["sgd_defaults_lr0.1"] = DeclaredNetwork.Of(() => new SgdDefaultsLr0p1()),
        ["sgd_momentum"] = DeclaredNetwork.Of(() => new SgdMomentum()),
        ["sgd_nesterov"] = DeclaredNetwork.Of(() => new SgdNesterov()),
        ["sgd_momentum_dampening"] = DeclaredNetwork.Of(() => new SgdMomentumDampening()),
        ["sgd_weight_decay"] = DeclaredNetwork.Of(() => new SgdWeightDecay()),
        ["sgd_nesterov_weight_decay"] = DeclaredNetwork.Of(() => new SgdNesterovWeightDecay()),
        ["adagrad_defaults"] = DeclaredNetwork.Of(() => new AdagradDefaults()),
        ["adagrad_custom"] = DeclaredNetwork.Of(() => new AdagradCustom()),
        ["adadelta_defaults"] = DeclaredNetwork.Of(() => new AdadeltaDefaults()),
        ["adadelta_custom"] = DeclaredNetwork.Of(() => new AdadeltaCustom()),
        ["rmsprop_defaults"] = DeclaredNetwork.Of(() => new RmspropDefaults()),
        ["rmsprop_custom"] = DeclaredNetwork.Of(() => new RmspropCustom()),
        ["rmsprop_centered"] = DeclaredNetwork.Of(() => new RmspropCentered()),
        ["rmsprop_momentum"] = DeclaredNetwork.Of(() => new RmspropMomentum()),
        ["rmsprop_centered_momentum_weight_decay"] = DeclaredNetwork.Of(() => new RmspropCenteredMomentumWeightDecay()),
        ["adam_defaults"] = DeclaredNetwork.Of(() => new AdamDefaults()),
        ["adam_custom"] = DeclaredNetwork.Of(() => new AdamCustom()),
        ["adam_weight_decay"] = DeclaredNetwork.Of(() => new AdamWeightDecay()),
        ["adam_amsgrad"] = DeclaredNetwork.Of(() => new AdamAmsgrad()),
        ["adam_amsgrad_beta2_0.5"] = DeclaredNetwork.Of(() => new AdamAmsgradBeta2_0p5()),
        ["adamw_defaults"] = DeclaredNetwork.Of(() => new AdamwDefaults()),
        ["adamw_custom"] = DeclaredNetwork.Of(() => new AdamwCustom()),
    };

    /// <summary>The "*_defaults" optimizer cases again, with networks that declare no hyper-parameter (see TorchDefaultNetworks.cs).</summary>
    public static readonly IReadOnlyDictionary<string, DeclaredNetwork> ForOptimizerCaseWithUndeclaredDefaults = new Dictionary<string, DeclaredNetwork>
    {
        ["sgd_defaults_lr0.1"] = DeclaredNetwork.Of(() => new SgdUndeclaredDefaults()),
        ["adagrad_defaults"] = DeclaredNetwork.Of(() => new AdagradUndeclaredDefaults()),
        ["adadelta_defaults"] = DeclaredNetwork.Of(() => new AdadeltaUndeclaredDefaults()),
        ["rmsprop_defaults"] = DeclaredNetwork.Of(() => new RmspropUndeclaredDefaults()),
        ["adam_defaults"] = DeclaredNetwork.Of(() => new AdamUndeclaredDefaults()),
        ["adamw_defaults"] = DeclaredNetwork.Of(() => new AdamwUndeclaredDefaults()),
    };
}

using System;
using Microsoft.CodeAnalysis;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Models;

namespace StaticNets.Generators;

/// <summary>
/// PyTorch's defaults for every optimizer hyper-parameter, and the checks on declared values: a value out of range is an
/// error (SN0011), a value the chosen optimizer does not use is a warning (SN0012).
/// </summary>
internal static class OptimizerDefaults
{
    /// <summary>The learning rate when none is declared: PyTorch's default, or 0.01 for SGD, which has none.</summary>
    public static float LearningRate(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Adadelta => 1f,
        OptimizerKind.Adam or OptimizerKind.AdamW => 0.001f,
        _ => 0.01f,
    };

    public static OptimizerSettings Resolve(OptimizerKind kind, NetworkParser.ImmutableArgs args, Location location, NetworkParser.ProblemSink problems)
    {
        bool sgdFamily = kind is OptimizerKind.Sgd or OptimizerKind.Momentum or OptimizerKind.Nesterov;
        bool adamFamily = kind is OptimizerKind.Adam or OptimizerKind.AdamW;

        float Read(string name, bool applies, float fallback, Func<float, bool> valid, string expected)
        {
            float value = args.NamedFloat(name, float.NaN);
            if (!args.Has(name))
            {
                return applies ? fallback : 0f;
            }

            if (!applies)
            {
                problems.Add(DiagnosticDescriptors.SettingNotUsed, location, name, "optimizer " + kind);
                return 0f;
            }

            if (!valid(value))
            {
                problems.Add(DiagnosticDescriptors.InvalidSetting, location, name, NetworkParser.Format(value), expected);
            }

            return value;
        }

        bool ReadFlag(string name, bool applies)
        {
            bool? value = args.NamedBool(name);
            if (value is true && !applies)
            {
                problems.Add(DiagnosticDescriptors.SettingNotUsed, location, name, "optimizer " + kind);
                return false;
            }

            return value ?? false;
        }

        static bool Unit(float v) => v >= 0f && v < 1f;
        static bool Closed(float v) => v >= 0f && v <= 1f;
        static bool NonNegative(float v) => v >= 0f && !float.IsInfinity(v);
        static bool Positive(float v) => v > 0f && !float.IsInfinity(v);

        float defaultMomentum = kind is OptimizerKind.Momentum or OptimizerKind.Nesterov ? 0.9f : 0f;
        float momentum = Read("Momentum", sgdFamily || kind == OptimizerKind.RMSprop, defaultMomentum, Unit, "a factor in [0, 1), such as 0.9");
        if (kind == OptimizerKind.Nesterov && momentum == 0f) // an out-of-range value is already reported above
        {
            problems.Add(DiagnosticDescriptors.InvalidSetting, location, "Momentum", NetworkParser.Format(momentum), "a positive factor below 1 for Nesterov momentum, such as 0.9");
        }

        float dampening = Read("Dampening", sgdFamily, 0f, Closed, "a factor in [0, 1]");
        if (kind == OptimizerKind.Nesterov && dampening > 0f && dampening <= 1f) // out of range: reported above
        {
            problems.Add(DiagnosticDescriptors.InvalidSetting, location, "Dampening", NetworkParser.Format(dampening), "0: Nesterov momentum needs zero dampening, as in PyTorch");
        }

        return new OptimizerSettings(
            Momentum: momentum,
            Dampening: dampening,
            WeightDecay: Read("WeightDecay", applies: true, kind == OptimizerKind.AdamW ? 0.01f : 0f, NonNegative, "zero or a positive, finite value such as 1e-4"),
            Beta1: Read("Beta1", adamFamily, 0.9f, Unit, "a factor in [0, 1), such as 0.9"),
            Beta2: Read("Beta2", adamFamily, 0.999f, Unit, "a factor in [0, 1), such as 0.999"),
            Epsilon: Read("Epsilon", !sgdFamily, kind switch
            {
                OptimizerKind.Adagrad => 1e-10f,
                OptimizerKind.Adadelta => 1e-6f,
                _ => 1e-8f,
            }, Positive, "a small positive value such as 1e-8"),
            Rho: Read("Rho", kind == OptimizerKind.Adadelta, 0.9f, Closed, "a factor in [0, 1], such as 0.9"),
            Alpha: Read("Alpha", kind == OptimizerKind.RMSprop, 0.99f, Closed, "a factor in [0, 1], such as 0.99"),
            Centered: ReadFlag("Centered", kind == OptimizerKind.RMSprop),
            AmsGrad: ReadFlag("AmsGrad", adamFamily),
            LearningRateDecay: Read("LearningRateDecay", kind == OptimizerKind.Adagrad, 0f, NonNegative, "zero or a positive, finite value"),
            InitialAccumulatorValue: Read("InitialAccumulatorValue", kind == OptimizerKind.Adagrad, 0f, NonNegative, "zero or a positive, finite value"));
    }
}

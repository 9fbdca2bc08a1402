using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using StaticNets.Generators.Diagnostics;

namespace StaticNets.Generators.Tests.Diagnostics;

/// <summary>
/// For every descriptor, the smallest declaration that is wrong in exactly that way, with the span the diagnostic must
/// cover marked <c>[|...|]</c>. Every other part of each declaration is valid.
/// </summary>
internal static class MinimalBadDeclarations
{
    public static readonly IReadOnlyDictionary<DiagnosticDescriptor, string> ByDescriptor = new Dictionary<DiagnosticDescriptor, string>
    {
        [DiagnosticDescriptors.NetworkMustBePartial] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            public class [|Net|];
            """,

        [DiagnosticDescriptors.NetworkMustNotBeGeneric] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            public partial class [|Net|]<T>;
            """,

        [DiagnosticDescriptors.ContainingTypeMustBePartial] = """
            using StaticNets;
            namespace Samples;

            public class [|Outer|]
            {
                [Network(Loss.MeanSquaredError)]
                [Input(2)]
                [Dense(1)]
                public partial class Net;
            }
            """,

        [DiagnosticDescriptors.InvalidLearningRate] = """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError, LearningRate = 0f)|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """,

        [DiagnosticDescriptors.UndefinedEnumValue] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [[|Dense(1, (Activation)99)|]]
            public partial class Net;
            """,

        [DiagnosticDescriptors.InvalidMaxBatchSize] = """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError, MaxBatchSize = 0)|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """,

        [DiagnosticDescriptors.NetworkMustNotBeStatic] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            public static partial class [|Net|];
            """,

        [DiagnosticDescriptors.NetworkMustNotBeFileLocal] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            file partial class [|Net|];
            """,

        [DiagnosticDescriptors.NetworkMustNotHavePrimaryConstructor] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            public partial class Net[|(int size)|];
            """,

        [DiagnosticDescriptors.NetworkNameClashesWithMember] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            public partial class [|Step|];
            """,

        [DiagnosticDescriptors.NameHidesGeneratedImport] = """
            using StaticNets;
            namespace Samples;

            internal static class Unsafe;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            public partial class [|Net|];
            """,

        [DiagnosticDescriptors.InvalidSetting] = """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError, Optimizer.Adam, Beta1 = 1.5f)|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """,

        // A warning: the network is still generated.
        [DiagnosticDescriptors.SettingNotUsed] = """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError, Optimizer.Sgd, Beta2 = 0.99f)|]]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """,

        [DiagnosticDescriptors.DropoutIsLast] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [Dense(1)]
            [[|Dropout(0.5f)|]]
            public partial class Net;
            """,

        [DiagnosticDescriptors.MissingInput] = """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError)|]]
            [Dense(1)]
            public partial class Net;
            """,

        [DiagnosticDescriptors.NoLayers] = """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError)|]]
            [Input(2)]
            public partial class Net;
            """,

        [DiagnosticDescriptors.SizeBelowOne] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [[|Input(0)|]]
            [Dense(1)]
            public partial class Net;
            """,

        [DiagnosticDescriptors.InputMisplaced] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(2)]
            [[|Input(3)|]]
            [Dense(1)]
            public partial class Net;
            """,

        [DiagnosticDescriptors.SoftmaxOnHiddenLayer] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.SoftmaxCrossEntropy)]
            [Input(2)]
            [[|Dense(4, Activation.Softmax)|]]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """,

        [DiagnosticDescriptors.LossDoesNotFitOutput] = """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError)|]]
            [Input(2)]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """,

        [DiagnosticDescriptors.TooManyParameters] = """
            using StaticNets;
            namespace Samples;

            [[|Network(Loss.MeanSquaredError)|]]
            [Input(100000)]
            [Dense(10000)]
            public partial class Net;
            """,

        [DiagnosticDescriptors.NeedsImageInput] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(16)]
            [[|Conv2D(4, 3)|]]
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """,

        [DiagnosticDescriptors.NeedsVectorInput] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(4, 4, 1)]
            [Conv2D(2, 3)]
            [[|Dense(1)|]]
            public partial class Net;
            """,

        [DiagnosticDescriptors.ShapeDoesNotFit] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(4, 4, 1)]
            [[|Conv2D(2, 5)|]]
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """,

        [DiagnosticDescriptors.OutputMustBeDense] = """
            using StaticNets;
            namespace Samples;

            [Network(Loss.MeanSquaredError)]
            [Input(4, 4, 1)]
            [Conv2D(2, 3)]
            [[|Flatten|]]
            public partial class Net;
            """,
    };
}

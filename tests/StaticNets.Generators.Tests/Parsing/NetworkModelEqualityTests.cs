using System.Linq;
using StaticNets.Generators.Models;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Parsing;

/// <summary>Models compare by value, all the way down: the generator's caching depends on it.</summary>
public sealed class NetworkModelEqualityTests
{
    private const string Template = """
        using StaticNets;
        namespace Samples;

        [Network(Loss.MeanSquaredError, LearningRate = 0.5f, MaxBatchSize = 64)]
        [Input(3)]
        [Dense(4, Activation.Tanh)]
        [Dense(2, Activation.Sigmoid)]
        public partial class Net;
        """;

    [Fact]
    public void TwoParsesOfTheSameSourceAreEqualWithEqualHashCodes()
    {
        NetworkModel first = ModelParsing.ParseValid(Template, "Samples.Net");
        NetworkModel second = ModelParsing.ParseValid(Template, "Samples.Net");

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.True(first == second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(first.Layers.GetHashCode(), second.Layers.GetHashCode());
    }

    [Fact]
    public void GeneratorPipelineProducesTheSameModelAsTheParser()
    {
        NetworkModel direct = ModelParsing.ParseValid(Template, "Samples.Net");

        Assert.Equal([direct], ModelParsing.ParseThroughDriver(Template));
    }

    [Theory]
    [InlineData("[Input(3)]", "[Input(5)]")]
    [InlineData("[Dense(4, Activation.Tanh)]", "[Dense(5, Activation.Tanh)]")]
    [InlineData("[Dense(4, Activation.Tanh)]", "[Dense(4, Activation.ReLU)]")]
    [InlineData("[Dense(2, Activation.Sigmoid)]", "[Dense(2, Activation.Sigmoid)]\n[Dense(1)]")]
    [InlineData("LearningRate = 0.5f", "LearningRate = 0.25f")]
    [InlineData("LearningRate = 0.5f", "LearningRate = 0.50000006f")]
    [InlineData("MaxBatchSize = 64", "MaxBatchSize = 65")]
    [InlineData("[Dense(2, Activation.Sigmoid)]", "[Dense(2, Activation.Softmax)]")]
    [InlineData("namespace Samples;", "namespace Samples.Other;")]
    [InlineData("public partial class Net;", "public partial record Net;")]
    public void AnyChangeMakesTheModelsUnequal(string original, string replacement)
    {
        NetworkModel before = ModelParsing.ParseValid(Template, "Samples.Net");
        string changed = Template.Replace(original, replacement, System.StringComparison.Ordinal);
        if (replacement.Contains("Softmax", System.StringComparison.Ordinal))
        {
            changed = changed.Replace("Loss.MeanSquaredError", "Loss.SoftmaxCrossEntropy", System.StringComparison.Ordinal);
        }

        Assert.NotEqual(Template, changed);
        string metadataName = changed.Contains("Samples.Other", System.StringComparison.Ordinal) ? "Samples.Other.Net" : "Samples.Net";
        NetworkModel after = ModelParsing.ParseValid(changed, metadataName);

        Assert.NotEqual(before, after);
    }

    /// <summary>A network using every training setting that enters the model, so that each can be changed alone.</summary>
    private const string TrainingTemplate = """
        using StaticNets;
        namespace Samples;

        [Network(Loss.Huber, Optimizer.Adam, HuberDelta = 0.5f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-7f, WeightDecay = 1e-4f, L1 = 0.001f)]
        [Input(3)]
        [Dense(4, Activation.LeakyReLU, NegativeSlope = 0.2f, L2 = 0.01f)]
        [Dropout(0.25f)]
        [Dense(3, Activation.ELU, Alpha = 0.5f)]
        [Dense(2)]
        public partial class Net;
        """;

    [Theory]
    [InlineData("Optimizer.Adam", "Optimizer.AdamW")]
    [InlineData("Beta1 = 0.8f", "Beta1 = 0.85f")]
    [InlineData("Beta2 = 0.99f", "Beta2 = 0.995f")]
    [InlineData("Epsilon = 1e-7f", "Epsilon = 1e-6f")]
    [InlineData("WeightDecay = 1e-4f", "WeightDecay = 2e-4f")]
    [InlineData("WeightDecay = 1e-4f", "WeightDecay = 1e-4f, AmsGrad = true")]
    [InlineData("HuberDelta = 0.5f", "HuberDelta = 0.75f")]
    [InlineData("L1 = 0.001f)]", "L1 = 0.002f)]")]
    [InlineData("L1 = 0.001f)]", "L1 = 0.001f, L2 = 0.5f)]")]
    [InlineData("L2 = 0.01f", "L2 = 0.02f")]
    [InlineData("L2 = 0.01f", "L1 = 0f, L2 = 0.01f")]
    [InlineData("NegativeSlope = 0.2f", "NegativeSlope = 0.3f")]
    [InlineData("Alpha = 0.5f", "Alpha = 0.25f")]
    [InlineData("[Dropout(0.25f)]", "[Dropout(0.5f)]")]
    [InlineData("[Dropout(0.25f)]", "[Dropout(0.25f)]\n[Dropout(0.25f)]")]
    [InlineData("[Dropout(0.25f)]\n", "")]
    [InlineData("Activation.ELU, Alpha = 0.5f", "Activation.Tanh")]
    [InlineData("Loss.Huber, Optimizer.Adam, HuberDelta = 0.5f", "Loss.MeanAbsoluteError, Optimizer.Adam")]
    public void AnyTrainingSettingChangeMakesTheModelsUnequal(string original, string replacement)
    {
        NetworkModel before = ModelParsing.ParseValid(TrainingTemplate, "Samples.Net");
        string changed = TrainingTemplate.Replace(original, replacement, System.StringComparison.Ordinal);

        Assert.NotEqual(TrainingTemplate, changed);
        NetworkModel after = ModelParsing.ParseValid(changed, "Samples.Net");

        Assert.NotEqual(before, after);
        Assert.False(before == after);
    }

    [Fact]
    public void TwoParsesOfATrainingNetworkAreEqualWithEqualHashCodes()
    {
        NetworkModel first = ModelParsing.ParseValid(TrainingTemplate, "Samples.Net");
        NetworkModel second = ModelParsing.ParseValid(TrainingTemplate, "Samples.Net");

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotSame(first.Settings, second.Settings);
        Assert.Equal(first.Settings, second.Settings);
        Assert.Equal(first.Settings.GetHashCode(), second.Settings.GetHashCode());
        Assert.Equal([first], ModelParsing.ParseThroughDriver(TrainingTemplate));
    }

    [Fact]
    public void EachModelPropertyOutsideThePrimaryConstructorTakesPartInEquality()
    {
        // Settings, HuberDelta and the layers' ActivationParameter, L1, L2, Parameters, MultiplyAdds and Settings (a
        // dropout rate, a window) are init-only properties, not constructor parameters: record equality must still
        // compare them, by content.
        NetworkModel model = ModelParsing.ParseValid(TrainingTemplate, "Samples.Net");
        LayerModel dense = model.Layers[0];
        LayerModel dropout = model.Layers[1];

        Assert.NotEqual(model, model with { Settings = model.Settings with { Beta1 = 0.5f } });
        Assert.NotEqual(model, model with { Settings = model.Settings with { AmsGrad = true } });
        Assert.NotEqual(model, model with { HuberDelta = 2f });
        Assert.NotEqual(dense, dense with { ActivationParameter = 0.3f });
        Assert.NotEqual(dense, dense with { L1 = 0.5f });
        Assert.NotEqual(dense, dense with { L2 = 0.5f });
        Assert.NotEqual(dropout, dropout with { Settings = new DropoutSettings(0.75f) });
        Assert.Equal(dropout, dropout with { Settings = new DropoutSettings(dropout.Dropout.Rate) });
        Assert.NotEqual(dense, dense with { MultiplyAdds = dense.MultiplyAdds + 1 });
        Assert.NotEqual(dense, dense with { Parameters = new EquatableArray<ParameterBlock>([.. dense.Parameters.Select(b => b with { Offset = b.Offset + 1 })]) });
        Assert.Equal(dense, dense with { Parameters = new EquatableArray<ParameterBlock>([.. dense.Parameters.Select(b => b with { Shape = new EquatableArray<int>([.. b.Shape]) })]) });
        Assert.NotEqual(model, model with { Layers = new EquatableArray<LayerModel>([.. model.Layers.Select(l => l.Index == 2 ? l with { Settings = new DropoutSettings(0.75f) } : l)]) });
        Assert.Equal(model, model with { Settings = model.Settings with { } });
    }

    [Fact]
    public void ContainingTypesTakePartInEquality()
    {
        NetworkModel topLevel = ModelParsing.ParseValid(Template, "Samples.Net");
        NetworkModel nested = ModelParsing.ParseValid(
            """
            using StaticNets;
            namespace Samples;

            public partial class Outer
            {
                [Network(Loss.MeanSquaredError, LearningRate = 0.5f, MaxBatchSize = 64)]
                [Input(3)]
                [Dense(4, Activation.Tanh)]
                [Dense(2, Activation.Sigmoid)]
                public partial class Net;
            }
            """,
            "Samples.Outer+Net");

        Assert.Equal(topLevel.Layers, nested.Layers);
        Assert.NotEqual(topLevel, nested);
    }

    [Fact]
    public void EquatableArraysCompareByContent()
    {
        var a = new EquatableArray<LayerModel>([TestModels.Dense(1, 2, 3, ActivationKind.ReLU, offset: 0)]);
        var b = new EquatableArray<LayerModel>([TestModels.Dense(1, 2, 3, ActivationKind.ReLU, offset: 0)]);
        var c = new EquatableArray<LayerModel>([TestModels.Dense(1, 2, 3, ActivationKind.Tanh, offset: 0)]);

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.False(a.Equals((object)c));
    }

    [Fact]
    public void DefaultAndEmptyEquatableArraysAreEqualAndEmpty()
    {
        EquatableArray<ContainingTypeModel> none = default;
        var empty = new EquatableArray<ContainingTypeModel>([]);

        Assert.Equal(empty, none);
        Assert.Equal(empty.GetHashCode(), none.GetHashCode());
        Assert.True(none.Count == 0);
        Assert.Empty(none.ToList());
    }
}

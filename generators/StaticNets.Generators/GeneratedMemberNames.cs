using System.Text.RegularExpressions;

namespace StaticNets.Generators;

/// <summary>The names of the members the generator adds to a network class; the class itself cannot use them.</summary>
internal static class GeneratedMemberNames
{
    private static readonly string[] Fixed =
    [
        "InputSize", "OutputSize", "ParameterCount", "MultiplyAddsPerSample", "Architecture", "DefaultLearningRate", "DefaultMaxBatchSize",
        "PredictScratch", "MaxBatchSize", "LearningRate", "Parameters", "Gradients", "Predict", "Forward", "ForwardBatch",
        "Backward", "ZeroGradients", "Step", "TrainBatch", "Save", "Load", "LastDataLoss", "LastRegularizationLoss",
        "StepCount", "OptimizerName", "OptimizerStateSize", "Evaluate", "LastOutputs", "DataLoss",
        "_parameters", "_gradients", "_x", "_batchSize", "_learningRate", "_random", "_optimizerState", "_step",
        "_lastDataLoss", "_lastPenalty", "t_predictBuffer",
        "DegreeOfParallelism", "PredictBatch", "PredictPart", "PredictRows",
        "_workers", "_predictPart", "_predictInputs", "_predictOutputs", "_predictRows", "_overwriteGradients",
        "ForwardParallel", "BackwardParallel", "TrainPart", "_job", "_jobBatch", "TrainingJob", "_trainPart", "StepRange", "LastStepFinite", "_nonFiniteStep", "StepPart", "ChunkStart", "FirstChunk", "InputChunks", "RowTile",
    ];

    private static readonly Regex LayerMember = new(
        @"^(L[0-9]+(In|Out|W|B|Rate|Scale|Slope|Alpha|L1|L2|InHeight|InWidth|InChannels|OutHeight|OutWidth|OutChannels|KernelHeight|KernelWidth|Stride|StrideHeight|StrideWidth|PadTop|PadLeft|PaddedHeight|PaddedWidth|PaddedSize|WeightCount)|Layer[0-9]+(Forward|Backward|ForwardBatch|ForwardPartial|ForwardCombine|Pad|Derivative|WeightGradient|Transpose|InputGradient|BackwardRows)|_(z|a|dz|mask|partial|padded|paddedGradient|transposed)[0-9]+)$",
        RegexOptions.CultureInvariant);

    /// <summary>Whether a type called <paramref name="name"/> would clash with a generated member.</summary>
    public static bool Clashes(string name) => System.Array.IndexOf(Fixed, name) >= 0 || LayerMember.IsMatch(name);
}

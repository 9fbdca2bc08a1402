namespace StaticNets.Tests.Metrics;

/// <summary>
/// One case of <see cref="SklearnFixture"/>: the inputs and what scikit-learn computed from them with
/// <c>labels=range(ClassCount)</c> and <c>zero_division=0</c>.
/// </summary>
/// <param name="Outputs">Row-major <c>(samples, ClassCount)</c> outputs whose argmax gave <paramref name="Predictions"/>, or null.</param>
/// <param name="Matrix">Row-major <c>(ClassCount, ClassCount)</c> <c>confusion_matrix</c>: rows are true classes.</param>
/// <param name="Macro">The macro-averaged (precision, recall, f1).</param>
/// <param name="Weighted">The support-weighted (precision, recall, f1).</param>
/// <param name="Report">The text of <c>classification_report(digits=4)</c>.</param>
public sealed record SklearnCase(
    string Name,
    int ClassCount,
    string[] ClassNames,
    float[]? Outputs,
    int[] Labels,
    int[] Predictions,
    int[] Matrix,
    double Accuracy,
    double[] Precision,
    double[] Recall,
    double[] F1,
    int[] Support,
    double[] Macro,
    double[] Weighted,
    string Report)
{
    /// <summary>The name, so theory cases read well in the test log.</summary>
    public override string ToString() => Name;
}

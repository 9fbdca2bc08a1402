namespace StaticNets.Data;

/// <summary>How <see cref="CsvReader"/> reads a file. The defaults read a comma-separated file with a header row whose last column is the label.</summary>
public sealed class CsvOptions
{
    /// <summary>The character between fields; ',' by default (';' and '\t' are common too).</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Whether the first non-blank line names the columns rather than holding a sample; <see langword="true"/> by default.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The label column's 0-based index; when neither this nor <see cref="LabelColumnName"/> is set, the last column.</summary>
    public int? LabelColumnIndex { get; init; }

    /// <summary>The label column's name in the header row (exact, case-sensitive); needs <see cref="HasHeader"/>.</summary>
    public string? LabelColumnName { get; init; }

    /// <summary>Whether labels are class indices or class names; <see cref="CsvLabels.Auto"/> by default.</summary>
    public CsvLabels Labels { get; init; } = CsvLabels.Auto;
}

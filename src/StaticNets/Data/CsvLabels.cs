namespace StaticNets.Data;

/// <summary>How <see cref="CsvReader"/> turns the label column into class indices.</summary>
public enum CsvLabels
{
    /// <summary>
    /// <see cref="ClassIndices"/> when every label is a whole number such as <c>3</c> or <c>3.0</c>, otherwise
    /// <see cref="ClassNames"/>.
    /// </summary>
    Auto,

    /// <summary>
    /// Labels are class indices (whole numbers from 0); the class count is the largest label plus one and the classes
    /// are named "0", "1", … .
    /// </summary>
    ClassIndices,

    /// <summary>Labels are class names, numbered 0, 1, … in the order they first appear in the file.</summary>
    ClassNames,
}

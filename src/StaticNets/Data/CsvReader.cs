using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace StaticNets.Data;

/// <summary>
/// Reads a classification table from a delimited text file: one sample per line, numeric feature columns and one label
/// column (see <see cref="CsvOptions"/>). Numbers are read in the invariant culture (<c>1.5</c>, <c>-2e-3</c>).
/// </summary>
/// <remarks>
/// A field may be quoted (<c>"Iris-setosa"</c>, with <c>""</c> for a quote inside), so it can hold the separator, but
/// it cannot span lines. Spaces around fields and blank lines are ignored. Every cell must be filled: an empty cell, a
/// cell that is not a finite number or a row with another number of fields is an <see cref="InvalidDataException"/>
/// that names the source, the line, the column and the text.
/// </remarks>
public static class CsvReader
{
    /// <summary>The largest class index a numeric label may have.</summary>
    public const int MaxClassIndex = 65535;

    /// <summary>Reads a file.</summary>
    /// <param name="path">The file; UTF-8 (a byte-order mark is allowed).</param>
    /// <param name="options">How to read it; <see langword="null"/> for the defaults.</param>
    /// <returns>The samples and their labels.</returns>
    /// <exception cref="InvalidDataException">The file is empty, has no data rows, or a row or cell is malformed.</exception>
    /// <exception cref="ArgumentException">The options contradict each other, or the label column is not in the file.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Dataset Read(string path, CsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, $"'{path}'", options);
    }

    /// <summary>Reads a table from a text reader.</summary>
    /// <param name="reader">The text, read to its end.</param>
    /// <param name="sourceName">What to call the source in error messages, e.g. a quoted file name.</param>
    /// <param name="options">How to read it; <see langword="null"/> for the defaults.</param>
    /// <returns>The samples and their labels.</returns>
    /// <exception cref="InvalidDataException">The text is empty, has no data rows, or a row or cell is malformed.</exception>
    /// <exception cref="ArgumentException">The options contradict each other, or the label column is not in the file.</exception>
    public static Dataset Read(TextReader reader, string sourceName, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= new CsvOptions();
        CheckOptions(options);

        var fields = new List<string>();
        string[]? header = null;
        int columns = -1;
        int labelColumn = -1;
        int firstRowLine = 0;
        var features = new List<float>();
        var labelTexts = new List<string>();
        var labelLines = new List<int>();

        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            SplitLine(line, options.Separator, lineNumber, sourceName, fields);
            if (columns < 0)
            {
                columns = fields.Count;
                if (options.HasHeader)
                {
                    header = fields.ToArray();
                    labelColumn = FindLabelColumn(options, header, columns, sourceName);
                    continue;
                }

                labelColumn = FindLabelColumn(options, header, columns, sourceName);
            }

            if (fields.Count != columns)
            {
                string reference = header is not null ? "as in the header" : $"as on line {firstRowLine}";
                throw Corrupt(sourceName, $"line {lineNumber} has {fields.Count} {Plural(fields.Count, "field")}, expected {columns} ({reference})");
            }

            if (firstRowLine == 0)
            {
                firstRowLine = lineNumber;
            }

            for (int c = 0; c < fields.Count; c++)
            {
                if (c == labelColumn)
                {
                    if (fields[c].Length == 0)
                    {
                        throw Corrupt(sourceName, $"line {lineNumber}, column {c + 1}{ColumnName(header, c)}: the label is empty");
                    }

                    labelTexts.Add(fields[c]);
                    labelLines.Add(lineNumber);
                    continue;
                }

                features.Add(ParseFeature(fields[c], lineNumber, c, header, options, sourceName, isFirstRow: firstRowLine == lineNumber));
            }
        }

        if (columns < 0)
        {
            throw Corrupt(sourceName, lineNumber == 0 ? "the file is empty" : "the file holds only blank lines");
        }

        if (labelTexts.Count == 0)
        {
            throw Corrupt(sourceName, "it has a header row but no data rows");
        }

        (int[] labels, string[] classNames) = ToClasses(labelTexts, labelLines, labelColumn, header, options.Labels, sourceName);
        return new Dataset(features.ToArray(), columns - 1, labels, classNames);
    }

    private static void CheckOptions(CsvOptions options)
    {
        if (options.Separator is '"' or '\r' or '\n')
        {
            throw new ArgumentException($"Expected a separator other than a quote or a line break, but it is U+{(int)options.Separator:X4}.", nameof(options));
        }

        if (options.LabelColumnIndex is not null && options.LabelColumnName is not null)
        {
            throw new ArgumentException(
                $"Expected the label column by index or by name, not both, but LabelColumnIndex is {options.LabelColumnIndex} and LabelColumnName is '{options.LabelColumnName}'.",
                nameof(options));
        }

        if (options.LabelColumnName is not null && !options.HasHeader)
        {
            throw new ArgumentException(
                $"Expected HasHeader = true to find the label column '{options.LabelColumnName}' by name, but HasHeader is false.", nameof(options));
        }

        if (options.LabelColumnIndex is < 0)
        {
            throw new ArgumentException($"Expected a LabelColumnIndex of 0 or more, but it is {options.LabelColumnIndex}.", nameof(options));
        }
    }

    private static int FindLabelColumn(CsvOptions options, string[]? header, int columns, string sourceName)
    {
        if (columns < 2)
        {
            throw Corrupt(sourceName, $"its first line has {columns} {Plural(columns, "column")}, but a label and at least one feature need 2 (is the separator '{options.Separator}' right?)");
        }

        if (options.LabelColumnName is string name)
        {
            int index = Array.IndexOf(header!, name);
            if (index < 0)
            {
                throw new ArgumentException(
                    $"Expected a label column named '{name}', but the header of {sourceName} has the columns {string.Join(", ", Array.ConvertAll(header!, h => "'" + h + "'"))}.",
                    nameof(options));
            }

            return index;
        }

        int labelColumn = options.LabelColumnIndex ?? columns - 1;
        if (labelColumn >= columns)
        {
            throw new ArgumentException(
                $"Expected a LabelColumnIndex in [0, {columns - 1}] for the {columns} columns of {sourceName}, but it is {labelColumn}.", nameof(options));
        }

        return labelColumn;
    }

    private static float ParseFeature(string text, int lineNumber, int column, string[]? header, CsvOptions options, string sourceName, bool isFirstRow)
    {
        string where = $"line {lineNumber}, column {column + 1}{ColumnName(header, column)}";
        if (text.Length == 0)
        {
            throw Corrupt(sourceName, $"{where} is empty (missing values are not supported)");
        }

        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
        {
            string hint = isFirstRow && !options.HasHeader ? $"; if line {lineNumber} names the columns, set HasHeader = true" : string.Empty;
            throw Corrupt(sourceName, $"{where}: '{text}' is not a number{hint}");
        }

        if (!float.IsFinite(value))
        {
            throw Corrupt(sourceName, $"{where}: '{text}' is not a finite number");
        }

        return value;
    }

    private static (int[] Labels, string[] ClassNames) ToClasses(
        List<string> texts, List<int> lines, int labelColumn, string[]? header, CsvLabels mode, string sourceName)
    {
        int[] labels = new int[texts.Count];
        bool numeric = mode == CsvLabels.ClassIndices || (mode == CsvLabels.Auto && texts.TrueForAll(t => TryParseClassIndex(t, out _)));
        if (numeric)
        {
            int classCount = 0;
            for (int i = 0; i < texts.Count; i++)
            {
                if (!TryParseClassIndex(texts[i], out labels[i]))
                {
                    throw Corrupt(sourceName,
                        $"line {lines[i]}, column {labelColumn + 1}{ColumnName(header, labelColumn)}: the label '{texts[i]}' is not a class index (a whole number from 0 to {MaxClassIndex}); read named classes with Labels = CsvLabels.ClassNames");
                }

                classCount = Math.Max(classCount, labels[i] + 1);
            }

            string[] numbers = new string[classCount];
            for (int c = 0; c < classCount; c++)
            {
                numbers[c] = c.ToString(CultureInfo.InvariantCulture);
            }

            return (labels, numbers);
        }

        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        for (int i = 0; i < texts.Count; i++)
        {
            if (!classes.TryGetValue(texts[i], out int index))
            {
                index = names.Count;
                classes.Add(texts[i], index);
                names.Add(texts[i]);
            }

            labels[i] = index;
        }

        return (labels, names.ToArray());
    }

    private static bool TryParseClassIndex(string text, out int index)
    {
        index = 0;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ||
            !(value >= 0 && value <= MaxClassIndex) || value != Math.Floor(value))
        {
            return false;
        }

        index = (int)value;
        return true;
    }

    /// <summary>Splits one line into trimmed fields; quoted fields keep their text as written, with "" read as ".</summary>
    private static void SplitLine(string line, char separator, int lineNumber, string sourceName, List<string> fields)
    {
        fields.Clear();
        int i = 0;
        while (true)
        {
            int start = i;
            while (i < line.Length && line[i] != separator && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                var text = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw Corrupt(sourceName, $"line {lineNumber}, column {fields.Count + 1}: the quoted field is not closed (a field cannot span lines)");
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            text.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    text.Append(line[i++]);
                }

                while (i < line.Length && line[i] != separator && char.IsWhiteSpace(line[i]))
                {
                    i++;
                }

                if (i < line.Length && line[i] != separator)
                {
                    throw Corrupt(sourceName, $"line {lineNumber}, column {fields.Count + 1}: unexpected text after the closing quote");
                }

                fields.Add(text.ToString());
            }
            else
            {
                int end = line.IndexOf(separator, i);
                if (end < 0)
                {
                    end = line.Length;
                }

                fields.Add(line[start..end].Trim());
                i = end;
            }

            if (i >= line.Length)
            {
                return;
            }

            i++; // the separator
        }
    }

    private static string ColumnName(string[]? header, int column) => header is null ? string.Empty : $" ('{header[column]}')";

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    private static InvalidDataException Corrupt(string sourceName, string problem) => new($"Cannot load {sourceName}: {problem}.");
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ExperimentsExample;

/// <summary>A results table: rendered as plain aligned text for the console, or as Markdown for docs/experiments.md.</summary>
internal sealed class TextTable
{
    private readonly (string Header, bool Right)[] _columns;
    private readonly List<string[]> _rows = [];
    private readonly List<string> _notes = [];

    /// <summary>Creates an empty table; a header that starts with '&lt;' is left-aligned (the '&lt;' is not shown).</summary>
    public TextTable(string title, params string[] headers)
    {
        Title = title;
        _columns = headers.Select(h => h.StartsWith('<') ? (h[1..], false) : (h, true)).ToArray();
    }

    public string Title { get; }

    public void AddRow(params string[] cells)
    {
        if (cells.Length != _columns.Length)
        {
            throw new ArgumentException($"Expected {_columns.Length} cells, but there are {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void AddNote(string note) => _notes.Add(note);

    public string Render(bool markdown) => markdown ? RenderMarkdown() : RenderText();

    private string RenderText()
    {
        int[] widths = new int[_columns.Length];
        for (int c = 0; c < widths.Length; c++)
        {
            widths[c] = Math.Max(_columns[c].Header.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[c].Length));
        }

        var text = new StringBuilder();
        text.AppendLine(Title);
        AppendLine(text, _columns.Select(c => c.Header).ToArray(), widths);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (string[] row in _rows)
        {
            AppendLine(text, row, widths);
        }

        foreach (string note in _notes)
        {
            text.AppendLine(note);
        }

        return text.ToString();
    }

    private void AppendLine(StringBuilder text, string[] cells, int[] widths)
    {
        var parts = new string[cells.Length];
        for (int c = 0; c < cells.Length; c++)
        {
            parts[c] = _columns[c].Right ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]);
        }

        text.AppendLine(string.Join("  ", parts).TrimEnd());
    }

    private string RenderMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine($"**{Title}**");
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", _columns.Select(c => c.Header)) + " |");
        text.AppendLine("|" + string.Join("|", _columns.Select(c => c.Right ? "---:" : ":---")) + "|");
        foreach (string[] row in _rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (string note in _notes)
            {
                text.AppendLine("- " + (note.StartsWith('*') ? "\\" + note : note));
            }
        }

        return text.ToString();
    }
}

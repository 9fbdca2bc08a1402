using System;
using System.Text;

namespace StaticNets.Generators.Emit;

/// <summary>Writes indented C#: callers never build indentation by hand.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private StringBuilder _text = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation; an empty line stays empty.</summary>
    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            for (int k = 0; k < _indent; k++)
            {
                _text.Append(IndentUnit);
            }

            _text.Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>Writes a <c>//</c> comment line: generated comments are for the reader and change no behaviour.</summary>
    public void Comment(string text) => WriteLine("// " + text);

    /// <summary>Writes a <c>///</c> documentation line, for IntelliSense and the reader; it changes no behaviour.</summary>
    public void Documentation(string text) => WriteLine("/// " + text);

    /// <summary>Writes a multi-line block (typically a raw string literal), each line at the current indentation.</summary>
    public void WriteLines(string text)
    {
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            WriteLine(line.TrimEnd());
        }
    }

    /// <summary>Writes <paramref name="header"/> (if any) and an opening brace, and indents what follows.</summary>
    public void OpenBlock(string header)
    {
        if (header.Length > 0)
        {
            WriteLine(header);
        }

        WriteLine("{");
        _indent++;
    }

    /// <summary>Closes the innermost block.</summary>
    public void CloseBlock(string suffix = "")
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("No block is open.");
        }

        _indent--;
        WriteLine("}" + suffix);
    }

    /// <summary>Runs <paramref name="write"/> and returns what it wrote instead of keeping it.</summary>
    public string Capture(Action write)
    {
        StringBuilder saved = _text;
        _text = new StringBuilder();
        try
        {
            write();
            return _text.ToString();
        }
        finally
        {
            _text = saved;
        }
    }

    /// <summary>Appends text produced by <see cref="Capture"/>, already indented.</summary>
    public void AppendText(string text) => _text.Append(text);

    public override string ToString() => _text.ToString();
}

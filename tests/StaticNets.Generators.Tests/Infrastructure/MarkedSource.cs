using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.Generators.Tests.Infrastructure;

/// <summary>
/// Test source with expected diagnostic spans marked as <c>[|...|]</c>, as in Roslyn's analyzer testing library.
/// <see cref="Parse"/> strips the markers and records the spans, numbered in the order of their opening markers.
/// </summary>
internal sealed record MarkedSource(string Text, ImmutableArray<TextSpan> Spans)
{
    private const string Open = "[|";
    private const string Close = "|]";

    public static MarkedSource Parse(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var starts = new List<int>();
        var ends = new List<int>();
        var open = new Stack<int>(); // indexes into starts/ends of the markers not closed yet
        int k = 0;
        while (k < marked.Length)
        {
            if (string.CompareOrdinal(marked, k, Open, 0, Open.Length) == 0)
            {
                open.Push(starts.Count);
                starts.Add(text.Length);
                ends.Add(-1);
                k += Open.Length;
            }
            else if (string.CompareOrdinal(marked, k, Close, 0, Close.Length) == 0)
            {
                if (open.Count == 0)
                {
                    throw new ArgumentException($"'{Close}' at {k} has no matching '{Open}'.", nameof(marked));
                }

                ends[open.Pop()] = text.Length;
                k += Close.Length;
            }
            else
            {
                text.Append(marked[k]);
                k++;
            }
        }

        if (open.Count > 0)
        {
            throw new ArgumentException($"'{Open}' without a matching '{Close}'.", nameof(marked));
        }

        var spans = ImmutableArray.CreateBuilder<TextSpan>(starts.Count);
        for (int m = 0; m < starts.Count; m++)
        {
            spans.Add(TextSpan.FromBounds(starts[m], ends[m]));
        }

        return new MarkedSource(text.ToString(), spans.MoveToImmutable());
    }
}

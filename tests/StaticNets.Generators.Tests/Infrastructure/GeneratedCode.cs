using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace StaticNets.Generators.Tests.Infrastructure;

/// <summary>Reads facts out of generated source: method bodies, call order, width-ladder branches.</summary>
internal static class GeneratedCode
{
    /// <summary>The full text of the one method named <paramref name="name"/> in <paramref name="source"/>.</summary>
    public static string Method(string source, string name)
    {
        List<MethodDeclarationSyntax> methods = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions).GetRoot()
            .DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(m => m.Identifier.ValueText == name)
            .ToList();
        Assert.True(methods.Count == 1, $"Expected one method named {name}, found {methods.Count}.");
        return methods[0].ToFullString();
    }

    /// <summary>
    /// A layer's whole backward pass: <c>Layer{n}Backward</c> and the methods over ranges it calls (activation
    /// derivative, weight gradient, input gradient), those that exist, in source order.
    /// </summary>
    public static string LayerBackward(string source, int layer)
    {
        string prefix = "Layer" + layer.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] parts = ["Backward", "Derivative", "WeightGradient", "InputGradient"];
        return string.Concat(CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions).GetRoot()
            .DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(m => parts.Any(part => m.Identifier.ValueText == prefix + part))
            .Select(static m => m.ToFullString()));
    }

    /// <summary>The names of the methods declared in <paramref name="source"/>, in source order.</summary>
    public static List<string> MethodNames(string source) =>
        CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions).GetRoot()
            .DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Select(static m => m.Identifier.ValueText)
            .ToList();

    /// <summary>The names of the methods invoked in <paramref name="code"/> that match <paramref name="pattern"/>, in order.</summary>
    public static List<string> Calls(string code, string pattern) =>
        CSharpSyntaxTree.ParseText(code, GeneratorHarness.ParseOptions).GetRoot()
            .DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(static i => i.Expression is IdentifierNameSyntax name ? name.Identifier.ValueText : string.Empty)
            .Where(n => Regex.IsMatch(n, pattern))
            .ToList();

    /// <summary>
    /// The conditions of every width-ladder branch in <paramref name="code"/>, in order, shortened to
    /// <c>Vector512</c>, <c>Vector256</c>, <c>Vector128</c> or <c>else</c>.
    /// </summary>
    public static List<string> Ladder(string code)
    {
        var branches = new List<string>();
        foreach (Match match in Regex.Matches(code, @"(?:else if|if) \((Vector\d+)\.IsHardwareAccelerated\)|^\s*else\s*$", RegexOptions.Multiline))
        {
            branches.Add(match.Groups[1].Success ? match.Groups[1].Value : "else");
        }

        return branches;
    }

    /// <summary>
    /// The comments of register blocks written out one by one (<c>// outputs 256..299 (...)</c> or <c>// biases ...</c>)
    /// in order, without the slashes and the kind. Block loops have their own comments; see <see cref="BlockLoops"/>.
    /// </summary>
    public static List<string> BlockComments(string code, string kind = "outputs") =>
        Regex.Matches(code, @"// " + kind + @" (\d+\.\.\d+ \([^)]*\))")
            .Select(static m => m.Groups[1].Value)
            .ToList();

    /// <summary>
    /// The comments of loops over full register blocks (<c>// outputs 0..255: 2 blocks of 8 x Vector512, one per iteration</c>)
    /// in order, shortened to <c>0..255: 2 blocks of 8 x Vector512</c>.
    /// </summary>
    public static List<string> BlockLoops(string code, string kind = "outputs") =>
        Regex.Matches(code, @"// " + kind + @" (\d+\.\.\d+: \d+ blocks of \d+ x \w+), one per iteration\n")
            .Select(static m => m.Groups[1].Value)
            .ToList();

    /// <summary>The number of times <paramref name="text"/> occurs in <paramref name="code"/>.</summary>
    public static int Count(string code, string text) => Regex.Matches(code, Regex.Escape(text)).Count;
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generators.Emit;
using StaticNets.Generators.Models;
using Xunit;

namespace StaticNets.Generators.Tests.Infrastructure;

/// <summary>The emitters run directly on a model: one file's text, the names it declares, and a compile check.</summary>
internal static class Emitted
{
    /// <summary>The text of the file with hint-name suffix <paramref name="suffix"/> (".g.cs", ".Step.g.cs"...).</summary>
    public static string File(NetworkModel model, string suffix) =>
        NetworkEmitter.EmitAll(model).Single(f => f.Suffix == suffix).Source;

    /// <summary>The names of every member the four files declare in the network type: fields, constants, properties, methods.</summary>
    public static SortedSet<string> MemberNames(NetworkModel model)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach ((_, string source) in NetworkEmitter.EmitAll(model))
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions).GetRoot();
            TypeDeclarationSyntax network = root.DescendantNodes().OfType<TypeDeclarationSyntax>().Single(t => t.Identifier.ValueText == model.TypeName);
            foreach (MemberDeclarationSyntax member in network.Members)
            {
                switch (member)
                {
                    case BaseFieldDeclarationSyntax field:
                        names.UnionWith(field.Declaration.Variables.Select(static v => v.Identifier.ValueText));
                        break;
                    case PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property:
                        names.Add(property.Identifier.ValueText);
                        break;
                    case MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method:
                        names.Add(method.Identifier.ValueText);
                        break;
                }
            }
        }

        return names;
    }

    /// <summary>Compiles the emitted files with a declaration they complete: no errors anywhere, no warnings in generated code.</summary>
    public static void AssertCompiles(NetworkModel model)
    {
        SyntaxTree declaration = GeneratorHarness.Parse(TestModels.Declaration(model), "Declaration.cs");
        SyntaxTree[] generated = NetworkEmitter.EmitAll(model)
            .Select(f => GeneratorHarness.Parse(f.Source, model.FullName + f.Suffix))
            .ToArray();
        CSharpCompilation compilation = GeneratorHarness.Compile().AddSyntaxTrees(generated.Prepend(declaration));

        Diagnostic[] problems = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && generated.Contains(d.Location.SourceTree)))
            .ToArray();
        Assert.True(problems.Length == 0, string.Join(Environment.NewLine, problems.Take(10).Select(static d => d.ToString())));
    }
}

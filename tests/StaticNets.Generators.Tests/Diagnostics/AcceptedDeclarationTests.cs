using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNets.Generators.Diagnostics;
using StaticNets.Generators.Tests.Infrastructure;
using Xunit;

namespace StaticNets.Generators.Tests.Diagnostics;

/// <summary>
/// Every declaration the analyzer accepts must come out as a type that compiles and implements <c>INetwork</c>:
/// a declaration the generator cannot complete must be reported instead.
/// </summary>
public sealed class AcceptedDeclarationTests
{
    private const string Header = "using StaticNets;\nnamespace Samples;\n\n";

    private const string Attributes = "[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Dense(1)]\n";

    private static readonly Dictionary<string, (string Source, string Type)> Cases = new()
    {
        ["AbstractClass"] = (Attributes + "public abstract partial class Net;", "Net"),
        ["SealedInternalClass"] = (Attributes + "internal sealed partial class Net;", "Net"),
        ["Record"] = (Attributes + "public partial record Net;", "Net"),
        ["ClassWithOwnMembers"] = (Attributes + "public partial class Net : System.IDisposable\n{\n    public void Dispose() { }\n    public override string ToString() => \"net\";\n}", "Net"),
        ["ClassWithABaseClass"] = ("public abstract class Model { }\n\n" + Attributes + "public partial class Net : Model;", "Net"),
        ["UserFileImportsIntrinsicsAndOperators"] = ("using System;\nusing System.Runtime.Intrinsics;\nusing StaticNets.Operators;\n\n" + Attributes + "public partial class Net\n{\n    private static Vector128<float> Lanes => Vector128<float>.One;\n}", "Net"),
        ["NestedInStruct"] = ("public partial struct Outer\n{\n" + Attributes + "public partial class Net;\n}", "Outer+Net"),
        ["NestedInInterface"] = ("public partial interface IOuter\n{\n" + Attributes + "public partial class Net;\n}", "IOuter+Net"),
        ["NestedInStaticClass"] = ("public static partial class Outer\n{\n" + Attributes + "public partial class Net;\n}", "Outer+Net"),
        ["NestedInPositionalRecordStruct"] = ("public partial record struct Outer(int X)\n{\n" + Attributes + "public partial class Net;\n}", "Outer+Net"),
    };

    /// <summary>
    /// Declarations the emitters cannot complete, which the analyzer reports instead (each on the marked span):
    /// a primary constructor would clash with the generated one, a member cannot share its type's name, and a
    /// file-local type cannot be extended from the generated files.
    /// </summary>
    private static readonly Dictionary<string, (string MarkedSource, DiagnosticDescriptor Descriptor)> Reported = new()
    {
        ["ClassWithPrimaryConstructor"] = (Attributes + "public partial class Net[|(int size)|];", DiagnosticDescriptors.NetworkMustNotHavePrimaryConstructor),
        ["PositionalRecord"] = (Attributes + "public partial record Net[|(int Size)|];", DiagnosticDescriptors.NetworkMustNotHavePrimaryConstructor),
        ["TypeNamedLikeAGeneratedMember"] = (Attributes + "public partial class [|Step|];", DiagnosticDescriptors.NetworkNameClashesWithMember),
        ["FileLocalClass"] = (Attributes + "file partial class [|Net|];", DiagnosticDescriptors.NetworkMustNotBeFileLocal),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    public static TheoryData<string> ReportedNames => new(Reported.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void AcceptedDeclarationCompilesAndImplementsINetwork(string name) => AssertCompletedOrReported(Cases[name]);

    [Theory]
    [MemberData(nameof(ReportedNames))]
    public void DeclarationTheEmittersCannotCompleteIsReported(string name)
    {
        GeneratorRun run = DiagnosticAssert.ReportsExactly(Header + Reported[name].MarkedSource, (Reported[name].Descriptor, 0));

        Assert.Empty(run.OutputDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("public partial class @class;", "Samples.class", "partial class @class", "public @class(int seed = 0")]
    [InlineData("public partial record @event;", "Samples.event", "partial record @event", "public @event(int seed = 0")]
    public void KeywordAsTypeNameIsEscapedInTheGeneratedCode(string declaration, string fullName, string reopened, string constructor)
    {
        GeneratorRun run = DiagnosticAssert.IsValid(Header + Attributes + declaration, fullName);

        Assert.All(run.GeneratedSources, s => Assert.Contains(reopened, s.SourceText.ToString(), System.StringComparison.Ordinal));
        Assert.Contains(constructor, run.Source(fullName + ".g.cs"), System.StringComparison.Ordinal);
        Assert.Empty(run.GeneratedCodeDiagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning));
        INamedTypeSymbol network = run.Output.GetTypeByMetadataName(fullName)!;
        Assert.Contains(network.AllInterfaces, static i => i.ToDisplayString() == "StaticNets.INetwork");
    }

    [Fact]
    public void KeywordNamespaceAndContainingTypeAreEscapedInTheGeneratedCode()
    {
        GeneratorRun run = DiagnosticAssert.IsValid(
            "using StaticNets;\nnamespace @namespace.@fixed;\n\npublic partial class @checked\n{\n" + Attributes + "public partial class Net;\n}",
            "namespace.fixed.checked.Net");

        Assert.All(run.GeneratedSources, static s => Assert.Contains("namespace @namespace.@fixed;\n\npartial class @checked\n{\n", s.SourceText.ToString(), System.StringComparison.Ordinal));
        INamedTypeSymbol network = run.Output.GetTypeByMetadataName("namespace.fixed.checked+Net")!;
        Assert.Contains(network.AllInterfaces, static i => i.ToDisplayString() == "StaticNets.INetwork");
    }

    private static void AssertCompletedOrReported((string Source, string Type) declaration)
    {
        GeneratorRun run = GeneratorHarness.Run(Header + declaration.Source);

        Assert.Empty(run.InputDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(run.GeneratorExceptions);
        if (!run.AnalyzerDiagnostics.IsEmpty)
        {
            Assert.Empty(run.GeneratedSources); // reported instead of generated: fine
            return;
        }

        Diagnostic[] errors = run.OutputDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(
            errors.Length == 0,
            "No SN diagnostic, yet the generated code does not compile:\n" + string.Join("\n", errors.Take(5).Select(static d => d.ToString())));
        INamedTypeSymbol network = run.Output.GetTypeByMetadataName("Samples." + declaration.Type)!;
        Assert.Contains(network.AllInterfaces, static i => i.ToDisplayString() == "StaticNets.INetwork");
    }
}

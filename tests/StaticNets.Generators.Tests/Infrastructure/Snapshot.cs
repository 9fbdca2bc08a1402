using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace StaticNets.Generators.Tests.Infrastructure;

/// <summary>
/// A small stand-in for Verify, with its file conventions: <c>_snapshots/{TestClass}.{TestMethod}[.{suffix}].verified.cs</c>
/// beside the test file. A missing or different snapshot writes <c>*.received.cs</c> next to it and fails;
/// <c>STATICNETS_ACCEPT_SNAPSHOTS=1</c> overwrites the verified file instead. Returns a task, as Verify does, so that
/// moving to Verify.SourceGenerators changes only this call.
/// </summary>
/// <remarks>The test class name is taken from the test file's name (one type per file).</remarks>
internal static class Snapshot
{
    public const string AcceptVariable = "STATICNETS_ACCEPT_SNAPSHOTS";

    private const string Folder = "_snapshots";

    /// <summary>Compares <paramref name="actual"/> with <c>{TestClass}.{TestMethod}[.{suffix}].verified.cs</c>.</summary>
    public static Task Verify(
        string actual,
        string? suffix = null,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testMethod = "") =>
        Verify([(suffix, actual)], testFile, testMethod);

    /// <summary>
    /// Compares several outputs of one test (such as every generated file) with their snapshots, writing every
    /// received file before failing, so that one run shows all the differences.
    /// </summary>
    public static Task Verify(
        IEnumerable<(string? Suffix, string Text)> outputs,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testMethod = "")
    {
        string directory = Path.GetDirectoryName(testFile) ?? string.Empty;
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException(
                $"The test source folder '{directory}' does not exist: snapshots are read beside the test sources, so run the tests from a checkout.");
        }

        bool accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";
        var problems = new List<string>();
        foreach ((string? suffix, string text) in outputs)
        {
            string name = Path.GetFileNameWithoutExtension(testFile) + "." + testMethod + (string.IsNullOrEmpty(suffix) ? string.Empty : "." + suffix);
            string verifiedPath = Path.Combine(directory, Folder, name + ".verified.cs");
            string receivedPath = Path.Combine(directory, Folder, name + ".received.cs");
            string received = Normalize(text);
            Directory.CreateDirectory(Path.Combine(directory, Folder));

            if (accept)
            {
                File.WriteAllText(verifiedPath, received);
                File.Delete(receivedPath);
                continue;
            }

            string? verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
            if (verified == received)
            {
                File.Delete(receivedPath);
                continue;
            }

            File.WriteAllText(receivedPath, received);
            problems.Add(verified is null
                ? $"No verified snapshot {verifiedPath}; the output was written to {receivedPath}."
                : $"{verifiedPath} differs from the output, first at {FirstDifference(verified, received)}{Environment.NewLine}  The output was written to {receivedPath}.");
        }

        if (problems.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                string.Join(Environment.NewLine, problems) + Environment.NewLine +
                $"If the output is right, accept it by renaming each .received.cs file to .verified.cs, or run the tests with {AcceptVariable}=1.");
        }

        return Task.CompletedTask;
    }

    /// <summary>Line endings become <c>\n</c> and a leading byte-order mark is dropped, so snapshots compare the same on every OS.</summary>
    public static string Normalize(string text) =>
        text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string FirstDifference(string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        for (int k = 0; k < Math.Max(expectedLines.Length, actualLines.Length); k++)
        {
            string? e = k < expectedLines.Length ? expectedLines[k] : null;
            string? a = k < actualLines.Length ? actualLines[k] : null;
            if (e != a)
            {
                return $"line {k + 1}:{Environment.NewLine}  verified: {e ?? "<end of file>"}{Environment.NewLine}  received: {a ?? "<end of file>"}";
            }
        }

        return "the end of the file";
    }
}

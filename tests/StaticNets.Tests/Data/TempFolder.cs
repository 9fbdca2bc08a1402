using System;
using System.IO;

namespace StaticNets.Tests.Data;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "StaticNets.Tests.Data." + Guid.NewGuid().ToString("N"));

    /// <summary>The full path of <paramref name="name"/> inside the folder.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

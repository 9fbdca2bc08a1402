using System.IO;
using StaticNets.Data;
using Xunit;

namespace StaticNets.Tests.Data;

/// <summary>A fact that runs only where the Fashion-MNIST package is installed, and otherwise says how to install it.</summary>
internal sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!Directory.Exists(FashionMnist.DefaultDirectory))
        {
            Skip = $"Fashion-MNIST is not installed in {FashionMnist.DefaultDirectory}: apt-get install {FashionMnist.PackageName}";
        }
    }
}

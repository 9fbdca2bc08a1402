using System.Collections.Generic;
using System.Linq;
using StaticNets.Tests.Networks;
using Xunit;

namespace StaticNets.Tests.Support;

/// <summary>Every network the numeric tests declare, by name, and the theory data built from them.</summary>
public static class TestNetworks
{
    /// <summary>The 3 → 5 → 4 (and deeper) networks small enough for a finite-difference check of every parameter.</summary>
    public static readonly NetworkCase[] GradientCheck =
    [
        NetworkCase.Of((s, b) => new HiddenLinearMse(s, b)),
        NetworkCase.Of((s, b) => new HiddenSigmoidMse(s, b)),
        NetworkCase.Of((s, b) => new HiddenTanhMse(s, b)),
        NetworkCase.Of((s, b) => new HiddenReLUMse(s, b)),
        NetworkCase.Of((s, b) => new HiddenLeakyReLUMse(s, b)),
        NetworkCase.Of((s, b) => new HiddenEluMse(s, b)),
        NetworkCase.Of((s, b) => new HiddenSoftplusMse(s, b)),
        NetworkCase.Of((s, b) => new HiddenGeluMse(s, b)),
        NetworkCase.Of((s, b) => new HiddenSiluMse(s, b)),
        NetworkCase.Of((s, b) => new HiddenLeakyReLUSlopeMse(s, b)),
        NetworkCase.Of((s, b) => new HiddenEluAlphaMse(s, b)),
        NetworkCase.Of((s, b) => new HiddenLinearSoftmax(s, b)),
        NetworkCase.Of((s, b) => new HiddenSigmoidSoftmax(s, b)),
        NetworkCase.Of((s, b) => new HiddenTanhSoftmax(s, b)),
        NetworkCase.Of((s, b) => new HiddenReLUSoftmax(s, b)),
        NetworkCase.Of((s, b) => new HiddenLeakyReLUSoftmax(s, b)),
        NetworkCase.Of((s, b) => new HiddenEluSoftmax(s, b)),
        NetworkCase.Of((s, b) => new HiddenSoftplusSoftmax(s, b)),
        NetworkCase.Of((s, b) => new HiddenGeluSoftmax(s, b)),
        NetworkCase.Of((s, b) => new HiddenSiluSoftmax(s, b)),
        NetworkCase.Of((s, b) => new HiddenLeakyReLUSlopeSoftmax(s, b)),
        NetworkCase.Of((s, b) => new HiddenEluAlphaSoftmax(s, b)),
        NetworkCase.Of((s, b) => new OutputLinearMse(s, b)),
        NetworkCase.Of((s, b) => new OutputSigmoidMse(s, b)),
        NetworkCase.Of((s, b) => new OutputTanhMse(s, b)),
        NetworkCase.Of((s, b) => new OutputReLUMse(s, b)),
        NetworkCase.Of((s, b) => new OutputLeakyReLUMse(s, b)),
        NetworkCase.Of((s, b) => new OutputEluMse(s, b)),
        NetworkCase.Of((s, b) => new OutputSoftplusMse(s, b)),
        NetworkCase.Of((s, b) => new OutputGeluMse(s, b)),
        NetworkCase.Of((s, b) => new OutputSiluMse(s, b)),
        NetworkCase.Of((s, b) => new OutputLeakyReLUSlopeMse(s, b)),
        NetworkCase.Of((s, b) => new OutputEluAlphaMse(s, b)),
        NetworkCase.Of((s, b) => new DeepMixedSoftmax(s, b)),
        NetworkCase.Of((s, b) => new DeepMixedMse(s, b)),
        NetworkCase.Of((s, b) => new DeepSlopeAlphaGeluSoftmax(s, b)),
    ];

    /// <summary>Networks covering every layer width from 1 to 49, plus wide layers.</summary>
    public static readonly NetworkCase[] Widths =
    [
        NetworkCase.Of((s, b) => new Widths1To7(s, b)),
        NetworkCase.Of((s, b) => new Widths8To14(s, b)),
        NetworkCase.Of((s, b) => new Widths15To21(s, b)),
        NetworkCase.Of((s, b) => new Widths22To28(s, b)),
        NetworkCase.Of((s, b) => new Widths29To35(s, b)),
        NetworkCase.Of((s, b) => new Widths36To42(s, b)),
        NetworkCase.Of((s, b) => new Widths43To49(s, b)),
        NetworkCase.Of((s, b) => new WidthsMultiplesOf7(s, b)),
        NetworkCase.Of((s, b) => new WidthsGeluSiluSlopeAlpha(s, b)),
        NetworkCase.Of((s, b) => new WideSoftmax(s, b)),
        NetworkCase.Of((s, b) => new WideMse(s, b)),
        NetworkCase.Of((s, b) => new PanelledTail(s, b)),
        NetworkCase.Of((s, b) => new HugeHidden(s, b)),
        NetworkCase.Of((s, b) => new MnistMlp(s, b)),
    ];

    /// <summary>Networks used by training, file and argument tests.</summary>
    public static readonly NetworkCase[] Training =
    [
        NetworkCase.Of((s, b) => new XorNet(s, b)),
        NetworkCase.Of((s, b) => new LinearRegressionNet(s, b)),
        NetworkCase.Of((s, b) => new ThreeClassNet(s, b)),
    ];

    /// <summary>Every declared network.</summary>
    public static readonly NetworkCase[] All = [.. GradientCheck, .. Widths, .. Training];

    private static readonly Dictionary<string, NetworkCase> ByName = All.ToDictionary(c => c.Name);

    /// <summary>Looks a network up by its type name (the theory data).</summary>
    public static NetworkCase Get(string name) => ByName[name];

    public static TheoryData<string> GradientCheckNames => Names(GradientCheck);

    public static TheoryData<string> WidthNames => Names(Widths);

    public static TheoryData<string> AllNames => Names(All);

    private static TheoryData<string> Names(IEnumerable<NetworkCase> cases)
    {
        var data = new TheoryData<string>();
        foreach (NetworkCase c in cases)
        {
            data.Add(c.Name);
        }

        return data;
    }
}

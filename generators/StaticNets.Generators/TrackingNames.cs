namespace StaticNets.Generators;

/// <summary>Names of the generator's pipeline steps, for incrementality tests.</summary>
internal static class TrackingNames
{
    /// <summary>The step that turns a <c>[Network]</c> class into a <see cref="Models.NetworkModel"/>.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The step that drops declarations that did not parse.</summary>
    public const string Valid = nameof(Valid);
}

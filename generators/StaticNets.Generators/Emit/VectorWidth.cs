namespace StaticNets.Generators.Emit;

/// <summary>
/// One SIMD width the generated code can run at. <see cref="Scalar"/> stands for a single float; the others for
/// <c>Vector512/256/128&lt;float&gt;</c>, which the generated code picks by <c>IsHardwareAccelerated</c> checks the JIT folds.
/// </summary>
internal sealed class VectorWidth
{
    public static readonly VectorWidth V512 = new("Vector512", 16);
    public static readonly VectorWidth V256 = new("Vector256", 8);
    public static readonly VectorWidth V128 = new("Vector128", 4);
    public static readonly VectorWidth Scalar = new("float", 1);

    /// <summary>The vector widths, widest first: the order of the generated <c>if / else if</c> branches.</summary>
    public static readonly VectorWidth[] Vectors = [V512, V256, V128];

    private VectorWidth(string name, int count)
    {
        Name = name;
        Count = count;
    }

    /// <summary><c>Vector512</c>, <c>Vector256</c>, <c>Vector128</c> or <c>float</c>.</summary>
    public string Name { get; }

    /// <summary>Floats per value.</summary>
    public int Count { get; }

    public bool IsScalar => Count == 1;

    /// <summary>The static class, e.g. <c>global::System.Runtime.Intrinsics.Vector512</c>.</summary>
    public string Class => "global::System.Runtime.Intrinsics." + Name;

    /// <summary>The value type: <c>global::System.Runtime.Intrinsics.Vector512&lt;float&gt;</c> or <c>float</c>.</summary>
    public string Type => IsScalar ? "float" : Class + "<float>";

    /// <summary>Loads one value at <paramref name="offset"/> elements from <paramref name="reference"/>.</summary>
    public string Load(string reference, string offset) =>
        IsScalar ? $"{GeneratedNames.Unsafe}.Add(ref {reference}, {offset})" : $"{Class}.LoadUnsafe(ref {reference}, {offset})";

    /// <summary>A statement storing <paramref name="value"/> at <paramref name="offset"/> elements from <paramref name="reference"/>.</summary>
    public string Store(string value, string reference, string offset) =>
        IsScalar ? $"{GeneratedNames.Unsafe}.Add(ref {reference}, {offset}) = {value};" : $"{Class}.StoreUnsafe({value}, ref {reference}, {offset});";

    /// <summary><c>a·b + c</c> with one rounding.</summary>
    public string FusedMultiplyAdd(string a, string b, string c) =>
        IsScalar ? $"{GeneratedNames.MathF}.FusedMultiplyAdd({a}, {b}, {c})" : $"{Class}.FusedMultiplyAdd({a}, {b}, {c})";

    /// <summary>A vector with every lane set to the float <paramref name="scalar"/>.</summary>
    public string Broadcast(string scalar) => IsScalar ? scalar : $"{Class}.Create({scalar})";

    /// <summary>The sum of the lanes of <paramref name="value"/>.</summary>
    public string Sum(string value) => IsScalar ? value : $"{Class}.Sum({value})";

    /// <summary>The square root, lane by lane.</summary>
    public string Sqrt(string value) => IsScalar ? $"{GeneratedNames.MathF}.Sqrt({value})" : $"{Class}.Sqrt({value})";

    /// <summary>The larger value, lane by lane.</summary>
    public string Max(string a, string b) => IsScalar ? $"{GeneratedNames.MathF}.Max({a}, {b})" : $"{Class}.Max({a}, {b})";

    /// <summary>The check that selects this width's branch.</summary>
    public string IsAccelerated => Class + ".IsHardwareAccelerated";
}

using System.Collections.Generic;

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

    /// <summary>
    /// The static class, e.g. <c>Vector512</c> (the generated files import <c>System.Runtime.Intrinsics</c>). Every
    /// vector expression is built from it, so reading it counts towards <see cref="VectorExpressions"/>.
    /// </summary>
    public string Class
    {
        get
        {
            if (!IsScalar)
            {
                t_vectorExpressions++;
            }

            return Name;
        }
    }

    [System.ThreadStatic]
    private static int t_vectorExpressions;

    /// <summary>
    /// How many vector expressions this thread has built so far: an emitter that compares the count before and after
    /// writing some code knows whether that code uses vectors, without reading the text back.
    /// </summary>
    public static int VectorExpressions => t_vectorExpressions;

    /// <summary>The value type: <c>Vector512&lt;float&gt;</c> or <c>float</c>.</summary>
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

    /// <summary>The vector of half this width (<c>Vector512</c> → <c>Vector256</c> → <c>Vector128</c>); null for the narrowest and for floats.</summary>
    public VectorWidth? Half => Count switch { 16 => V256, 8 => V128, _ => null };

    /// <summary>
    /// A vector whose first <paramref name="used"/> lanes are loaded from <paramref name="offset"/> elements after
    /// <paramref name="reference"/> and whose other lanes are 0, reading no float past those lanes.
    /// </summary>
    public string LoadFirst(string reference, string? baseOffset, int offset, int used)
    {
        if (used >= Count)
        {
            return Load(reference, SimdEmitter.Offset(baseOffset, offset));
        }

        if (Half is not { } half)
        {
            var lanes = new string[Count];
            for (int k = 0; k < Count; k++)
            {
                lanes[k] = k < used ? Scalar.Load(reference, SimdEmitter.Offset(baseOffset, offset + k)) : "0f";
            }

            return $"{Class}.Create({string.Join(", ", lanes)})";
        }

        string lower = half.LoadFirst(reference, baseOffset, offset, used);
        string upper = used > half.Count ? half.LoadFirst(reference, baseOffset, offset + half.Count, used - half.Count) : half.Class + "<float>.Zero";
        return $"{Class}.Create({lower}, {upper})";
    }

    /// <summary>
    /// The statements that store the first <paramref name="used"/> lanes of <paramref name="value"/> (a plain variable)
    /// at <paramref name="offset"/> elements after <paramref name="reference"/>, writing nothing past them.
    /// </summary>
    public IEnumerable<string> StoreFirst(string value, string reference, string? baseOffset, int offset, int used)
    {
        if (used >= Count)
        {
            yield return Store(value, reference, SimdEmitter.Offset(baseOffset, offset));
            yield break;
        }

        if (Half is not { } half)
        {
            for (int k = 0; k < used; k++)
            {
                yield return Scalar.Store(k == 0 ? $"{Class}.ToScalar({value})" : $"{Class}.GetElement({value}, {k})", reference, SimdEmitter.Offset(baseOffset, offset + k));
            }

            yield break;
        }

        foreach (string line in half.StoreFirst($"{Class}.GetLower({value})", reference, baseOffset, offset, System.Math.Min(used, half.Count)))
        {
            yield return line;
        }

        if (used > half.Count)
        {
            foreach (string line in half.StoreFirst($"{Class}.GetUpper({value})", reference, baseOffset, offset + half.Count, used - half.Count))
            {
                yield return line;
            }
        }
    }

    /// <summary>The check that selects this width's branch.</summary>
    public string IsAccelerated => Class + ".IsHardwareAccelerated";
}

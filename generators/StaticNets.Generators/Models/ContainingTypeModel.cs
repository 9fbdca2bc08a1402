namespace StaticNets.Generators.Models;

/// <summary>A type the network is nested in, outermost first: its keyword (<c>class</c>, <c>struct</c>, <c>record</c>...) and name.</summary>
internal readonly record struct ContainingTypeModel(string Keyword, string Name);

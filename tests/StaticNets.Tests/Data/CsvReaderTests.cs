using System;
using System.Globalization;
using System.IO;
using System.Threading;
using StaticNets.Data;
using Xunit;

namespace StaticNets.Tests.Data;

/// <summary>Tables with and without headers, string and numeric labels, quoting, and every malformed row or cell.</summary>
public sealed class CsvReaderTests
{
    private const string Source = "'iris.csv'";

    [Fact]
    public void HeaderRowNamesTheColumnsAndStringLabelsAreNumberedInOrderOfFirstAppearance()
    {
        Dataset dataset = Read("""
            sepal_length,sepal_width,species
            5.1,3.5,setosa
            7.0,3.2,versicolor
            4.9,3.0,setosa
            6.3,3.3,virginica
            """);

        Assert.Equal(4, dataset.Count);
        Assert.Equal(2, dataset.FeatureCount);
        Assert.Equal([5.1f, 3.5f, 7.0f, 3.2f, 4.9f, 3.0f, 6.3f, 3.3f], dataset.Features);
        Assert.Equal([0, 1, 0, 2], dataset.Labels);
        Assert.Equal(["setosa", "versicolor", "virginica"], dataset.ClassNames);
    }

    [Fact]
    public void NumericLabelsAreClassIndicesUpToTheLargest()
    {
        Dataset dataset = Read("""
            0.5,-1e-3,2
            1.5,2E2,0
            """, new CsvOptions { HasHeader = false });

        Assert.Equal([0.5f, -0.001f, 1.5f, 200f], dataset.Features);
        Assert.Equal([2, 0], dataset.Labels);
        Assert.Equal(["0", "1", "2"], dataset.ClassNames);
    }

    [Fact]
    public void WholeNumbersWrittenAsDecimalsAreClassIndices()
    {
        Dataset dataset = Read("x,y\n1,1.0\n2,0.0\n");

        Assert.Equal([1, 0], dataset.Labels);
        Assert.Equal(2, dataset.ClassCount);
    }

    [Fact]
    public void NumericLabelsCanBeReadAsClassNames()
    {
        Dataset dataset = Read("x,y\n1,7\n2,3\n3,7\n", new CsvOptions { Labels = CsvLabels.ClassNames });

        Assert.Equal([0, 1, 0], dataset.Labels);
        Assert.Equal(["7", "3"], dataset.ClassNames);
    }

    [Fact]
    public void TheLargestClassIndexIsAcceptedAndOneMoreIsRefused()
    {
        Dataset dataset = Read("x,y\n1,65535\n2,0\n", new CsvOptions { Labels = CsvLabels.ClassIndices });

        Assert.Equal([65535, 0], dataset.Labels);
        Assert.Equal(65536, dataset.ClassCount);
        Assert.Equal("65535", dataset.ClassNames[65535]);

        var error = Assert.Throws<InvalidDataException>(() => Read("x,y\n1,65536\n", new CsvOptions { Labels = CsvLabels.ClassIndices }));
        Assert.Equal($"Cannot load {Source}: line 2, column 2 ('y'): the label '65536' is not a class index (a whole number from 0 to 65535); read named classes with Labels = CsvLabels.ClassNames.", error.Message);
    }

    [Fact]
    public void LabelThatIsNotAClassIndexIsRefusedWhenIndicesAreRequired()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("x,y\n1,0\n2,cat\n", new CsvOptions { Labels = CsvLabels.ClassIndices }));

        Assert.Equal($"Cannot load {Source}: line 3, column 2 ('y'): the label 'cat' is not a class index (a whole number from 0 to 65535); read named classes with Labels = CsvLabels.ClassNames.", error.Message);
    }

    [Fact]
    public void LabelColumnCanBeChosenByName()
    {
        Dataset dataset = Read("a,label,b\n1,yes,2\n3,no,4\n", new CsvOptions { LabelColumnName = "label" });

        Assert.Equal([1f, 2f, 3f, 4f], dataset.Features);
        Assert.Equal(["yes", "no"], dataset.ClassNames);
    }

    [Fact]
    public void LabelColumnCanBeChosenByIndex()
    {
        Dataset dataset = Read("1,10,20\n0,30,40\n", new CsvOptions { HasHeader = false, LabelColumnIndex = 0 });

        Assert.Equal([10f, 20f, 30f, 40f], dataset.Features);
        Assert.Equal([1, 0], dataset.Labels);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void SeparatorIsConfigurable(char separator)
    {
        Dataset dataset = Read($"a{separator}b{separator}c\n1.5{separator} 2 {separator}x\n", new CsvOptions { Separator = separator });

        Assert.Equal([1.5f, 2f], dataset.Features);
        Assert.Equal(["x"], dataset.ClassNames);
    }

    [Fact]
    public void QuotedFieldsMayHoldTheSeparatorAndEscapedQuotes()
    {
        Dataset dataset = Read(""""
            "width","height","kind"
            "1.5",2,"large, ""red"""
            3, "4" ,plain
            """");

        Assert.Equal([1.5f, 2f, 3f, 4f], dataset.Features);
        Assert.Equal(["large, \"red\"", "plain"], dataset.ClassNames);
    }

    [Fact]
    public void UnclosedQuoteIsRefused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("a,b\n1,\"open\n"));

        Assert.Equal($"Cannot load {Source}: line 2, column 2: the quoted field is not closed (a field cannot span lines).", error.Message);
    }

    [Fact]
    public void TextAfterAClosingQuoteIsRefused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("a,b\n\"1\"2,x\n"));

        Assert.Contains("line 2, column 1: unexpected text after the closing quote", error.Message);
    }

    [Fact]
    public void RowWithAnotherNumberOfFieldsIsRefusedNamingTheLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("a,b,c\n1,2,x\n3,4,5,y\n"));

        Assert.Equal($"Cannot load {Source}: line 3 has 4 fields, expected 3 (as in the header).", error.Message);
    }

    [Fact]
    public void RaggedRowWithoutAHeaderIsComparedWithTheFirstRow()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("\n1,2,x\n3,y\n", new CsvOptions { HasHeader = false }));

        Assert.Equal($"Cannot load {Source}: line 3 has 2 fields, expected 3 (as on line 2).", error.Message);
    }

    [Fact]
    public void NonNumericCellIsRefusedNamingLineColumnAndText()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("a,b,c\n1,2,x\n\n3,abc,y\n"));

        Assert.Equal($"Cannot load {Source}: line 4, column 2 ('b'): 'abc' is not a number.", error.Message);
    }

    [Fact]
    public void HeaderReadAsDataSuggestsHasHeader()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("a,b,c\n1,2,x\n", new CsvOptions { HasHeader = false }));

        Assert.Equal($"Cannot load {Source}: line 1, column 1: 'a' is not a number; if line 1 names the columns, set HasHeader = true.", error.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e40")]
    public void NonFiniteCellIsRefused(string text)
    {
        var error = Assert.Throws<InvalidDataException>(() => Read($"a,b\n{text},x\n"));

        Assert.Equal($"Cannot load {Source}: line 2, column 1 ('a'): '{text}' is not a finite number.", error.Message);
    }

    [Fact]
    public void EmptyCellIsRefused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("a,b,c\n1,,x\n"));

        Assert.Equal($"Cannot load {Source}: line 2, column 2 ('b') is empty (missing values are not supported).", error.Message);
    }

    [Fact]
    public void EmptyLabelIsRefused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("a,b\n1, \n"));

        Assert.Equal($"Cannot load {Source}: line 2, column 2 ('b'): the label is empty.", error.Message);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("\n  \n", "the file holds only blank lines")]
    [InlineData("a,b\n\n", "it has a header row but no data rows")]
    public void FileWithoutDataRowsIsRefused(string text, string problem)
    {
        var error = Assert.Throws<InvalidDataException>(() => Read(text));

        Assert.Equal($"Cannot load {Source}: {problem}.", error.Message);
    }

    [Fact]
    public void SingleColumnIsRefusedSuggestingTheSeparator()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("a;b\n1;x\n"));

        Assert.Contains("its first line has 1 column, but a label and at least one feature need 2 (is the separator ',' right?)", error.Message);
    }

    [Fact]
    public void UnknownLabelColumnNameIsRefusedListingTheColumns()
    {
        var error = Assert.Throws<ArgumentException>(() => Read("a,b\n1,x\n", new CsvOptions { LabelColumnName = "species" }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains($"Expected a label column named 'species', but the header of {Source} has the columns 'a', 'b'.", error.Message);
    }

    [Fact]
    public void LabelColumnIndexOutsideTheColumnsIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Read("a,b\n1,x\n", new CsvOptions { LabelColumnIndex = 2 }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("Expected a LabelColumnIndex in [0, 1] for the 2 columns", error.Message);
        Assert.Contains("but it is 2", error.Message);
    }

    [Fact]
    public void ContradictoryOptionsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Read("a,b\n1,x\n", new CsvOptions { LabelColumnIndex = 0, LabelColumnName = "a" }));
        Assert.Throws<ArgumentException>(() => Read("a,b\n1,x\n", new CsvOptions { HasHeader = false, LabelColumnName = "a" }));
        Assert.Throws<ArgumentException>(() => Read("a,b\n1,x\n", new CsvOptions { Separator = '"' }));
        Assert.Throws<ArgumentException>(() => Read("a,b\n1,x\n", new CsvOptions { LabelColumnIndex = -1 }));
    }

    [Fact]
    public void NumbersAreReadInTheInvariantCultureWhateverTheCurrentOne()
    {
        CultureInfo previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");

            Dataset dataset = Read("a;b\n1.5;x\n", new CsvOptions { Separator = ';' });

            Assert.Equal([1.5f], dataset.Features);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void WindowsLineEndingsAndAByteOrderMarkAreAccepted()
    {
        using var folder = new TempFolder();
        string path = folder["table.csv"];
        File.WriteAllText(path, "a,b\r\n1,x\r\n2,y\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Dataset dataset = CsvReader.Read(path);

        Assert.Equal([1f, 2f], dataset.Features);
        Assert.Equal(["x", "y"], dataset.ClassNames);
    }

    [Fact]
    public void ErrorsFromAFileNameTheFile()
    {
        using var folder = new TempFolder();
        string path = folder["bad.csv"];
        File.WriteAllText(path, "a,b\n1,x\n2\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvReader.Read(path));

        Assert.Equal($"Cannot load '{path}': line 3 has 1 field, expected 2 (as in the header).", error.Message);
    }

    private static Dataset Read(string text, CsvOptions? options = null) => CsvReader.Read(new StringReader(text), Source, options);
}

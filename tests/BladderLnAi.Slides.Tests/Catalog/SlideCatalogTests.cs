using BladderLnAi.Slides;
using BladderLnAi.Tests;

namespace BladderLnAi.Slides.Tests.Catalog;

public sealed class SlideCatalogTests : IDisposable
{
    private readonly string _root = TestPaths.NewTempDirectory("slide-catalog");
    private readonly string _folder;

    public SlideCatalogTests()
    {
        _folder = Directory.CreateDirectory(Path.Combine(_root, "slides")).FullName;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void List_FindsSlideExtensionsOnly()
    {
        CreateFiles("a.svs", "b.TIFF", "c.ndpi", "d.mrxs", "e.bif", "f.scn", "g.vms", "h.vmu", "i.svslide", "j.tif");
        CreateFiles("notes.txt", "image.png", "archive.svs.zip", ".hidden.svs");
        Directory.CreateDirectory(Path.Combine(_folder, "sub"));
        File.WriteAllText(Path.Combine(_folder, "sub", "nested.svs"), "");

        var names = new SlideCatalog([_folder]).List().Select(entry => entry.FileName);

        Assert.Equal(["a.svs", "b.TIFF", "c.ndpi", "d.mrxs", "e.bif", "f.scn", "g.vms", "h.vmu", "i.svslide", "j.tif"], names);
    }

    [Theory]
    [InlineData("CMU-1-Small-Region.svs", "cmu-1-small-region")]
    [InlineData("Case 12 (LN 3).ndpi", "case-12-ln-3")]
    [InlineData("__Node--A__.svs", "node-a")]
    [InlineData("Lymphknoten_Ü_3.tiff", "lymphknoten-3")]
    [InlineData("ÄÖÜ.svs", "slide")]
    public void Id_IsSlugOfFileName(string fileName, string expectedId)
    {
        CreateFiles(fileName);

        var entry = Assert.Single(new SlideCatalog([_folder]).List());

        Assert.Equal(expectedId, entry.Id);
        Assert.Equal(fileName, entry.FileName);
    }

    [Fact]
    public void Id_LongName_IsCutTo100Characters()
    {
        CreateFiles(new string('a', 150) + ".svs", new string('a', 120) + ".tif");

        var ids = new SlideCatalog([_folder]).List().Select(entry => entry.Id).ToList();

        // Both names slug to 100 'a's, so the second in file-name order gets "-2" and loses two letters to fit.
        Assert.Equal([new string('a', 100), new string('a', 98) + "-2"], ids);
    }

    [Fact]
    public void DuplicateSlugs_GetNumbersInFileNameOrder()
    {
        // Ordinal file-name order: "Case_01.SVS" < "case 01.tif" < "case-01-2.ndpi" < "case-01.ndpi".
        CreateFiles("case-01.ndpi", "case 01.tif", "Case_01.SVS", "case-01-2.ndpi");

        var entries = new SlideCatalog([_folder]).List();

        Assert.Equal(["Case_01.SVS", "case 01.tif", "case-01-2.ndpi", "case-01.ndpi"], entries.Select(e => e.FileName));
        Assert.Equal(["case-01", "case-01-2", "case-01-2-2", "case-01-3"], entries.Select(e => e.Id));
    }

    [Fact]
    public void Ids_AreStableAcrossCatalogs()
    {
        CreateFiles("x.svs", "X.tif", "x.ndpi");

        var first = new SlideCatalog([_folder]).List().Select(entry => (entry.Id, entry.FileName));
        var second = new SlideCatalog([_folder]).List().Select(entry => (entry.Id, entry.FileName));

        Assert.Equal(first, second);
    }

    [Fact]
    public void TryGet_KnownId_ReturnsEntry()
    {
        File.WriteAllBytes(Path.Combine(_folder, "Node A.svs"), new byte[1234]);

        Assert.True(new SlideCatalog([_folder]).TryGet("node-a", out var entry));

        Assert.Equal("Node A.svs", entry.FileName);
        Assert.Equal(Path.Combine(_folder, "Node A.svs"), entry.FullPath);
        Assert.Equal(1234, entry.SizeBytes);
        Assert.Equal(File.GetLastWriteTimeUtc(entry.FullPath), entry.LastWriteUtc);
    }

    [Theory]
    [InlineData("../slides/a")]
    [InlineData("..")]
    [InlineData("a/../a")]
    [InlineData("/etc/passwd")]
    [InlineData("A")]
    [InlineData("-a")]
    [InlineData("a\n")]
    [InlineData("a.svs")]
    [InlineData("")]
    [InlineData(null)]
    public void TryGet_InvalidId_IsRejected(string? id)
    {
        CreateFiles("a.svs");
        var catalog = new SlideCatalog([_folder]);

        Assert.False(catalog.TryGet(id!, out var entry));
        Assert.Null(entry);
    }

    [Fact]
    public void TryGet_IdOf101Characters_IsRejected()
    {
        var catalog = new SlideCatalog([_folder]);

        Assert.False(catalog.TryGet(new string('a', 101), out _));
    }

    [Fact]
    public void MissingFolder_IsSkipped()
    {
        CreateFiles("a.svs");
        var catalog = new SlideCatalog([Path.Combine(_root, "absent"), _folder]);

        var entry = Assert.Single(catalog.List());

        Assert.Equal("a", entry.Id);
    }

    [Fact]
    public void SeveralFolders_ShareOneIdSpace()
    {
        var second = Directory.CreateDirectory(Path.Combine(_root, "more")).FullName;
        CreateFiles("a.svs");
        File.WriteAllText(Path.Combine(second, "a.svs"), "");

        var entries = new SlideCatalog([second, _folder]).List();

        // Same file name: the tie is broken by full path, and ".../more/a.svs" sorts before ".../slides/a.svs".
        Assert.Equal(["a", "a-2"], entries.Select(entry => entry.Id));
        Assert.Equal(Path.Combine(second, "a.svs"), entries[0].FullPath);
    }

    [Fact]
    public void List_AfterFileAdded_Rescans()
    {
        CreateFiles("a.svs");
        var catalog = new SlideCatalog([_folder]);
        Assert.Single(catalog.List());

        CreateFiles("b.svs");
        Directory.SetLastWriteTimeUtc(_folder, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal(2, catalog.List().Count);
        Assert.True(catalog.TryGet("b", out _));
    }

    [Fact]
    public void Refresh_SeesRemovedFile()
    {
        CreateFiles("a.svs", "b.svs");
        var catalog = new SlideCatalog([_folder]);
        Assert.Equal(2, catalog.List().Count);

        File.Delete(Path.Combine(_folder, "b.svs"));
        catalog.Refresh();

        Assert.False(catalog.TryGet("b", out _));
    }

    [Fact]
    public void SymbolicLinkOutsideFolder_IsSkipped()
    {
        var outside = Path.Combine(_root, "secret.svs");
        File.WriteAllText(outside, "");
        File.CreateSymbolicLink(Path.Combine(_folder, "link-out.svs"), outside);
        File.CreateSymbolicLink(Path.Combine(_folder, "relative-out.svs"), "../secret.svs");
        File.CreateSymbolicLink(Path.Combine(_folder, "broken.svs"), Path.Combine(_root, "absent.svs"));

        Assert.Empty(new SlideCatalog([_folder]).List());
    }

    [Fact]
    public void SymbolicLinkThroughLinkedSubfolder_IsSkipped()
    {
        // "inner" looks like a subfolder but points outside, so "inner/secret.svs" is outside too.
        File.WriteAllText(Path.Combine(_root, "secret.svs"), "");
        Directory.CreateSymbolicLink(Path.Combine(_folder, "inner"), _root);
        File.CreateSymbolicLink(Path.Combine(_folder, "sneaky.svs"), "inner/secret.svs");

        Assert.Empty(new SlideCatalog([_folder]).List());
    }

    [Fact]
    public void SymbolicLinkInsideFolder_IsListed()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "store"));
        var target = Path.Combine(_folder, "store", "real.svs");
        File.WriteAllBytes(target, new byte[10]);
        File.CreateSymbolicLink(Path.Combine(_folder, "alias.svs"), "store/real.svs");

        var entry = Assert.Single(new SlideCatalog([_folder]).List());

        Assert.Equal("alias", entry.Id);
        Assert.Equal(target, entry.FullPath);
        Assert.Equal(10, entry.SizeBytes);
    }

    [Fact]
    public void LinkedFolder_IsScannedAtItsTarget()
    {
        CreateFiles("a.svs");
        var linkedFolder = Path.Combine(_root, "linked");
        Directory.CreateSymbolicLink(linkedFolder, _folder);

        var entry = Assert.Single(new SlideCatalog([linkedFolder]).List());

        Assert.Equal(Path.Combine(_folder, "a.svs"), entry.FullPath);
    }

    private void CreateFiles(params string[] names)
    {
        foreach (var name in names)
        {
            File.WriteAllText(Path.Combine(_folder, name), "");
        }
    }
}

using BladderLnAi.Data.Cases;
using BladderLnAi.Data.Sites;
using BladderLnAi.Slides;
using BladderLnAi.Web.Analysis;
using BladderLnAi.Web.Configuration;
using BladderLnAi.Web.Sites;
using BladderLnAi.Web.Slides;
using Microsoft.EntityFrameworkCore;

namespace BladderLnAi.Web.Review;

/// <summary>
/// Receives an uploaded slide file into the site's upload folder and adds it to a case. The file is written under a
/// hidden temporary name, opened with OpenSlide, and only then given its name; a file that is too large or not a
/// slide is deleted, so a failed upload leaves nothing behind.
/// </summary>
public sealed partial class SlideUploadService(
    CaseStore store,
    CaseService cases,
    SlideService slides,
    SlideAccess access,
    AppPaths paths,
    ReviewOptions options,
    ILogger<SlideUploadService> logger)
{
    /// <summary>Single-file formats accepted by upload; MRXS and VMS slides consist of several files and are not.</summary>
    public static readonly IReadOnlySet<string> UploadExtensions =
        new HashSet<string>([".svs", ".tif", ".tiff", ".ndpi", ".scn", ".bif"], StringComparer.OrdinalIgnoreCase);

    public long MaximumBytes => options.MaxUploadMegabytes * 1024 * 1024;

    /// <summary>Returns the site's upload folder for a case the actor may change, creating it when missing.</summary>
    /// <exception cref="ReviewException">No such case, or it cannot change.</exception>
    public async Task<UploadTarget> PrepareAsync(ReviewActor actor, int caseId, CancellationToken cancellationToken)
    {
        await using var database = await store.OpenAsync(cancellationToken);
        var reviewCase = await store.LoadEditableAsync(database, actor, caseId, cancellationToken);
        var siteCode = await database.Sites.Where(s => s.Id == reviewCase.SiteId).Select(s => s.Code).SingleAsync(cancellationToken);
        var folder = Path.Combine(paths.DataDirectory, options.UploadDirectory, SlideIds.Slugify(siteCode));
        Directory.CreateDirectory(folder);
        return new UploadTarget(reviewCase.Id, reviewCase.SiteId, folder);
    }

    /// <summary>Checks the uploaded file name and returns the name it gets in the upload folder.</summary>
    /// <exception cref="ReviewException">The name has no slide extension or a file of that name exists.</exception>
    public static string ValidateFileName(UploadTarget target, string? uploadedName)
    {
        var name = Path.GetFileName(uploadedName ?? "").Trim();
        var extension = Path.GetExtension(name);
        if (name.Length == 0 || name.StartsWith('.') || !UploadExtensions.Contains(extension))
        {
            throw ReviewException.Invalid(
                $"'{name}' is not an uploadable slide; upload one {string.Join(", ", UploadExtensions)} file.");
        }

        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        if (File.Exists(Path.Combine(target.Folder, safe)))
        {
            throw ReviewException.Conflict($"A slide named {safe} was already uploaded to this site; add it from the slide list instead.");
        }

        return safe;
    }

    /// <summary>
    /// Copies the upload into a hidden temporary file, at most <see cref="MaximumBytes"/>, checks that OpenSlide reads
    /// it, renames it and adds it to the case.
    /// </summary>
    public async Task<CaseSlide> ReceiveAsync(
        ReviewActor actor,
        UploadTarget target,
        string fileName,
        Stream content,
        CancellationToken cancellationToken)
    {
        // A leading dot hides the file from the slide catalogue until it is complete and valid.
        // A killed server leaves the file behind; PartialFiles deletes it at the next start.
        var partial = Path.Combine(target.Folder, $"{PartialFiles.SlideUploadPrefix}{Guid.NewGuid():N}{Path.GetExtension(fileName)}");
        var final = Path.Combine(target.Folder, fileName);
        try
        {
            var bytes = await CopyLimitedAsync(content, partial, fileName, cancellationToken);
            EnsureReadable(partial, fileName);
            File.Move(partial, final);
            Log.Received(logger, target.CaseId, fileName, bytes);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        try
        {
            var slideId = await RegisterAsync(target, final, cancellationToken);
            return await cases.AddSlideAsync(actor, target.CaseId, slideId, CaseSlideSource.Upload, cancellationToken);
        }
        catch
        {
            File.Delete(final);
            throw;
        }
    }

    private async Task<long> CopyLimitedAsync(Stream content, string path, string fileName, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > MaximumBytes)
            {
                throw ReviewException.TooLarge(
                    $"{fileName} is larger than the upload limit of {options.MaxUploadMegabytes} MB (Review:MaxUploadMegabytes); copy it into a slide folder instead.");
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        if (total == 0)
        {
            throw ReviewException.Invalid($"{fileName} is empty; choose the slide file again.");
        }

        return total;
    }

    private void EnsureReadable(string path, string fileName)
    {
        try
        {
            using var image = WholeSlideImage.Open(path);
        }
        catch (SlideException ex)
        {
            Log.Rejected(logger, fileName, ex.Message);
            throw ReviewException.Invalid($"{fileName} is not a slide that OpenSlide can read: {ex.Message.Replace(path, fileName)}");
        }
    }

    /// <summary>Makes the upload folder one of the site's slide folders and returns the new slide's catalogue id.</summary>
    private async Task<string> RegisterAsync(UploadTarget target, string path, CancellationToken cancellationToken)
    {
        await using var database = await store.OpenAsync(cancellationToken);
        var folders = await database.SiteSlideFolders.Where(f => f.SiteId == target.SiteId).ToListAsync(cancellationToken);
        if (folders.All(f => Path.TrimEndingDirectorySeparator(paths.Resolve(f.Path)) != target.Folder))
        {
            database.SiteSlideFolders.Add(new SiteSlideFolder { SiteId = target.SiteId, Path = target.Folder });
            await database.SaveChangesAsync(cancellationToken);
            access.Invalidate();
            slides.UseFolders(await access.AllFoldersAsync(cancellationToken));
        }

        slides.Catalog.Refresh();
        return slides.Catalog.List().FirstOrDefault(entry => entry.FullPath == path)?.Id
            ?? throw ReviewException.Conflict($"{Path.GetFileName(path)} was saved but is not in the slide catalogue; check the upload folder.");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1130, Level = LogLevel.Information, Message = "Received slide {FileName} ({Bytes} bytes) for case {CaseId}")]
        public static partial void Received(ILogger logger, int caseId, string fileName, long bytes);

        [LoggerMessage(EventId = 1131, Level = LogLevel.Warning, Message = "Rejected upload {FileName}: {Reason}; the file was deleted")]
        public static partial void Rejected(ILogger logger, string fileName, string reason);
    }
}

/// <summary>Where an upload for a case goes.</summary>
public sealed record UploadTarget(int CaseId, int SiteId, string Folder);

using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

// Sets VER_FLG_WEAK on one version requirement (an ELF64 .gnu.version_r entry) of each file,
// so the dynamic loader only warns, instead of failing, when the host library lacks that version.
public class MarkElfVersionWeak : Task
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlagWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        if (HostLibstdcxxHas(VersionName))
        {
            Log.LogMessage(MessageImportance.Low, $"Host libstdc++ provides {VersionName}; nothing to patch.");
            return true;
        }
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            try
            {
                var bytes = File.ReadAllBytes(path);
                var result = Patch(bytes, VersionName);
                if (result == PatchResult.Patched)
                {
                    // Write a new file and move it over the old one: if the output copy was a hard
                    // link into the NuGet cache, the cache keeps its own bytes.
                    var temp = path + ".weak.tmp";
                    File.WriteAllBytes(temp, bytes);
                    File.Delete(path);
                    File.Move(temp, path);
                    Log.LogMessage(MessageImportance.High, $"Marked {VersionName} weak in {path}");
                }
                else if (result == PatchResult.AlreadyWeak)
                {
                    Log.LogMessage(MessageImportance.Low, $"{VersionName} already weak in {path}");
                }
                else
                {
                    Log.LogMessage(MessageImportance.Low, $"{path} does not require {VersionName}");
                }
            }
            catch (InvalidDataException e)
            {
                Log.LogError($"Cannot mark {VersionName} weak in {path}: {e.Message}. Expected TorchSharp's x86-64 ELF shared library; was the package replaced?");
            }
        }
        return !Log.HasLoggedErrors;
    }

    enum PatchResult { NotRequired, AlreadyWeak, Patched }

    static PatchResult Patch(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        long shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        if (shoff <= 0 || shentsize < 64 || shoff + (long)shnum * shentsize > elf.Length)
            throw new InvalidDataException("section header table out of bounds");

        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            if (BitConverter.ToUInt32(elf, (int)sh + 4) != ShtGnuVerneed) continue;
            long offset = (long)BitConverter.ToUInt64(elf, (int)sh + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, (int)sh + 0x28);
            int count = (int)BitConverter.ToUInt32(elf, (int)sh + 0x2C);
            long strtab = (long)BitConverter.ToUInt64(elf, (int)(shoff + (long)link * shentsize) + 0x18);

            long need = offset;
            for (int n = 0; n < count; n++)
            {
                Check(elf, need, 16);
                int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    Check(elf, aux, 16);
                    long nameAt = strtab + BitConverter.ToUInt32(elf, (int)aux + 8);
                    if (ReadCString(elf, nameAt) == versionName)
                    {
                        long flagsOffset = aux + 4;
                        ushort flags = BitConverter.ToUInt16(elf, (int)flagsOffset);
                        if ((flags & VerFlagWeak) != 0) return PatchResult.AlreadyWeak;
                        flags |= VerFlagWeak;
                        elf[flagsOffset] = (byte)(flags & 0xff);
                        elf[flagsOffset + 1] = (byte)(flags >> 8);
                        return PatchResult.Patched;
                    }
                    uint nextAux = BitConverter.ToUInt32(elf, (int)aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = BitConverter.ToUInt32(elf, (int)need + 12);
                if (next == 0) break;
                need += next;
            }
            return PatchResult.NotRequired;
        }
        throw new InvalidDataException("no .gnu.version_r section");
    }

    static void Check(byte[] elf, long at, int size)
    {
        if (at < 0 || at + size > elf.Length) throw new InvalidDataException("version table out of bounds");
    }

    static string ReadCString(byte[] elf, long at)
    {
        long end = at;
        while (end < elf.Length && elf[end] != 0) end++;
        if (end >= elf.Length) throw new InvalidDataException("string table out of bounds");
        return Encoding.ASCII.GetString(elf, (int)at, (int)(end - at));
    }

    static bool HostLibstdcxxHas(string versionName)
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        };
        var needle = Encoding.ASCII.GetBytes(versionName + "\0");
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate)) continue;
            return Contains(File.ReadAllBytes(candidate), needle);
        }
        return false;
    }

    static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }
}

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDataDir } from '../cache/temp-cache.js';
import { settings, vault } from './support.js';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
  }).trim();

const DISK = `---
title: 磁盘已满处理
services: [mysql-order]
alerts: [NodeFilesystemAlmostFull]
owner: dba
last_drill: 2026-11-20
---

# 磁盘已满处理

## 处置步骤

1. 清理旧日志（10 分钟）
   - 检查：磁盘使用率低于 80%
   - 回滚：从备份恢复
2. 扩容磁盘（15 分钟）
`;

describe('a runbook folder that is a git work tree', () => {
  const data = useTempDataDir();
  let repo = '';
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'cockpit-runbook-repo-'));
    git(repo, 'init', '-q');
    git(repo, 'config', 'user.email', 'sre@example.com');
    git(repo, 'config', 'user.name', 'SRE');
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('records the commit that last touched each file, and follows it to the next commit', async () => {
    writeFileSync(join(repo, 'disk.md'), DISK);
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'first');
    const first = git(repo, 'rev-parse', 'HEAD');
    const { cache } = data.open();
    const runbooks = vault(cache, settings({ folders: [repo], prefetch: false }));
    await runbooks.poll();

    const found = await runbooks.api.listRunbooks({ q: '磁盘', limit: 50, offset: 0 });
    expect(found.items.map((item) => item.title)).toEqual(['磁盘已满处理']);
    const id = found.items[0]!.id;
    let detail = await runbooks.api.getRunbook({ id });
    expect(detail.revision).toBe(first);
    expect(detail.owner).toBe('dba');
    expect(detail.steps).toEqual([
      { title: '清理旧日志', durationMinutes: 10, check: '磁盘使用率低于 80%', rollback: '从备份恢复' },
      { title: '扩容磁盘', durationMinutes: 15 },
    ]);

    writeFileSync(join(repo, 'disk.md'), DISK.replace('扩容磁盘', '在线扩容云盘'));
    // Changed but not committed: a content hash, not the old commit.
    await runbooks.poll();
    detail = await runbooks.api.getRunbook({ id });
    expect(detail.revision).toMatch(/^sha256:/);

    git(repo, 'commit', '-qam', 'second');
    const second = git(repo, 'rev-parse', 'HEAD');
    await runbooks.poll();
    detail = await runbooks.api.getRunbook({ id });
    expect(detail.revision).toBe(second);
    expect(detail.html).toContain('在线扩容云盘');
    expect(detail.revisions.map((one) => one.revision)).toContain(first);
    const old = await runbooks.api.getRunbook({ id, revision: first });
    expect(old.html).toContain('扩容磁盘');
    expect(old.html).not.toContain('在线扩容云盘');
  });

  it('front matter that is not YAML is a sentence on that runbook, and the stored revision stays readable', async () => {
    writeFileSync(join(repo, 'disk.md'), DISK);
    const { cache } = data.open();
    const runbooks = vault(cache, settings({ folders: [repo], prefetch: false }));
    await runbooks.poll();
    writeFileSync(join(repo, 'disk.md'), DISK.replace('services: [mysql-order]', 'services: [mysql-order'));
    await runbooks.poll();
    const [item] = (await runbooks.api.listRunbooks({ limit: 50, offset: 0 })).items;
    const detail = await runbooks.api.getRunbook({ id: item!.id });
    expect(detail.contentStatus).toBe('cached');
    expect(detail.problem).toMatch(/disk\.md: its front matter is not YAML/);
    expect(detail.html).toContain('清理旧日志');
  });

  it('a folder with more files than the cap keeps the first ones, says so, and forgets nothing', async () => {
    writeFileSync(join(repo, 'disk.md'), DISK);
    const { cache } = data.open();
    const runbooks = vault(cache, settings({ folders: [repo], prefetch: false }));
    await runbooks.poll();
    mkdirSync(join(repo, 'bulk'));
    for (let index = 0; index < 5001; index++)
      writeFileSync(join(repo, 'bulk', `n${index}.md`), `# note ${index}\n`);
    await runbooks.poll();
    const all = await runbooks.api.listRunbooks({ limit: 500, offset: 0 });
    const folder = all.items.find((item) => item.location === repo);
    expect(folder?.contentStatus).toBe('unreachable');
    const detail = await runbooks.api.getRunbook({ id: folder!.id });
    expect(detail.problem).toMatch(/has 5002 markdown files; the first 5000 are kept/);
    expect((await runbooks.api.listRunbooks({ q: '磁盘', limit: 5, offset: 0 })).total).toBe(1);
  }, 60_000);

  it('a file removed from the folder leaves the vault', async () => {
    writeFileSync(join(repo, 'disk.md'), DISK);
    writeFileSync(join(repo, 'other.md'), '# Other\n');
    const { cache } = data.open();
    const runbooks = vault(cache, settings({ folders: [repo], prefetch: false }));
    await runbooks.poll();
    expect((await runbooks.api.listRunbooks({ limit: 50, offset: 0 })).total).toBe(2);
    rmSync(join(repo, 'other.md'));
    await runbooks.poll();
    expect(
      (await runbooks.api.listRunbooks({ limit: 50, offset: 0 })).items.map((item) => item.title),
    ).toEqual(['磁盘已满处理']);
  });
});

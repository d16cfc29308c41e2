import * as path from 'node:path';
import type MarkdownIt from 'markdown-it';
import type { Options as MarkdownItOptions } from 'markdown-it';
import type { RenderRule } from 'markdown-it/lib/renderer.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { runFiles } from '../../core/run/layout';
import { formatBytes } from '../../core/util/bytes';
import { escapeHtml } from '../html';
import { headlineText } from '../runPresentation';
import type { RunView } from '../runView';
import { referencedConfig, runOfBlock } from './blockRuns';
import { blockTarget, type BlockTarget, type GanBlock } from './ganBlocks';
import { lossSparkline, type LossSeries } from './sparkline';

/** What the preview plugin needs from the host; everything it returns is data, never markup. */
export interface PreviewSource {
  /** The note being rendered (VS Code puts its URI in env.currentDocument), if it is a file. */
  noteFile(env: unknown): string | undefined;
  runs(): readonly RunView[];
  /** A run's newest sample grid, only when its folder lies inside the workspace. */
  latestSample(run: RunView): { readonly file: string; readonly step: number } | undefined;
  losses(run: RunView): LossSeries | undefined;
  configExists(file: string): boolean;
  /** The preview of `noteFile` shows `run`: the host refreshes it when the run changes. */
  shown(run: RunView, noteFile: string): void;
}

/**
 * Renders each ```gan fence as a card: the run's latest sample grid, a loss sparkline, a status
 * line and the block's text folded away; a block with no run yet renders as a "not trained yet"
 * card. Other fences are left to the default renderer.
 */
export function ganPreviewPlugin(md: MarkdownIt, source: PreviewSource): void {
  const fallback: RenderRule = md.renderer.rules.fence ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (!token || token.info.trim().split(/\s+/)[0]?.toLowerCase() !== 'gan') return fallback(tokens, idx, options, env, self);
    const index = tokens.slice(0, idx).filter((other) => other.type === 'fence' && other.info.trim().split(/\s+/)[0]?.toLowerCase() === 'gan').length;
    const block: GanBlock = { index, fenceLine: token.map?.[0] ?? 0, endLine: token.map?.[1] ?? 0, indent: 0, text: token.content.replace(/\n$/, '') };
    const image = (src: string, alt: string) => renderImage(md, token, src, alt, tokens, options, env, self);
    return renderBlock(block, blockTarget(block), source, env, image);
  };
}

type ImageRenderer = (src: string, alt: string) => string;

function renderBlock(block: GanBlock, target: BlockTarget, source: PreviewSource, env: unknown, image: ImageRenderer): string {
  const note = source.noteFile(env);
  const config = `<details class="gan-config"><summary>gan block ${block.index + 1}</summary><pre><code>${escapeHtml(block.text)}</code></pre></details>`;
  if (!note) return card('gan-block gan-block-empty', '<p>Open this note from a folder to see its run.</p>', config);
  if (target.kind === 'configFile' && !source.configExists(referencedConfig(target, note))) {
    return card('gan-block gan-block-empty', `<p>Config file not found: <code>${escapeHtml(target.path)}</code></p>`, config);
  }
  const run = runOfBlock(block, target, note, source.runs());
  if (!run) {
    const what = target.kind === 'run' ? `No run <code>${escapeHtml(target.ref)}</code> yet.` : 'Not trained yet: use “▶ Train” above the block.';
    return card('gan-block gan-block-empty', `<p>${what}</p>`, config);
  }
  source.shown(run, note);
  const sample = source.latestSample(run);
  const losses = source.losses(run);
  const grid = sample
    ? image(`${toRelativeUrl(path.relative(path.dirname(note), sample.file))}?step=${sample.step}`, `${run.runId} · step ${sample.step}`)
    : '<p>No sample grid yet.</p>';
  return card('gan-block', `<p class="gan-status">${escapeHtml(statusLine(run))}</p>${grid}${losses ? lossSparkline(losses, run.headlineSpec.long) + sampledNote(losses) : ''}`, config);
}

/** A curve drawn from a sample of the run's lines says so (the file is too large to read for a preview). */
function sampledNote(losses: LossSeries): string {
  if (losses.sampledFromBytes === undefined) return '';
  return `<p class="gan-note">Loss curve sampled evenly from a ${escapeHtml(formatBytes(losses.sampledFromBytes))} ${runFiles.metrics}.</p>`;
}

function card(className: string, body: string, config: string): string {
  return `<div class="${className}">${body}${config}</div>\n`;
}

function statusLine(run: RunView): string {
  return `${run.runId} · ${run.status} · step ${run.step}/${run.totalSteps}${run.backend ? ` · ${run.backend}` : ''}${headlineText(run)}`;
}

/** A path as a URL path: forward slashes, each segment percent-encoded. */
function toRelativeUrl(relative: string): string {
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

/**
 * Renders the grid through markdown-it's own image rule, so VS Code's preview resolves the path
 * against the note and turns it into a URI its webview may load, exactly as for ![](…) images.
 */
function renderImage(md: MarkdownIt, at: Token, src: string, alt: string, tokens: Token[], options: MarkdownItOptions, env: unknown,
  self: MarkdownIt['renderer']): string {
  const image = new (at.constructor as typeof Token)('image', 'img', 0);
  image.attrs = [['src', src], ['alt', ''], ['class', 'gan-grid']];
  image.content = alt;
  const text = new (at.constructor as typeof Token)('text', '', 0);
  text.content = alt;
  image.children = [text];
  const rule = md.renderer.rules.image;
  const index = tokens.length;
  const withImage = [...tokens, image];
  return rule ? rule(withImage, index, options, env, self) : self.renderToken(withImage, index, options);
}

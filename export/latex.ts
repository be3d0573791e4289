// A LaTeX figure environment that includes a figure's PDF, for pasting into a paper.

// What each special character of LaTeX becomes in running text.
const LATEX_ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  _: "\\_",
  "%": "\\%",
  "&": "\\&",
  "#": "\\#",
  $: "\\$",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  "<": "\\textless{}",
  ">": "\\textgreater{}"
};

/** Text set literally in LaTeX: every character that means something to TeX is escaped. */
export function escapeLatex(text: string): string {
  return text.replace(/[\\{}_%&#$~^<>]/g, (c) => LATEX_ESCAPES[c]);
}

export interface LatexFigure {
  /** The file name without extension; also the label, fig:<name>. */
  name: string;
  title: string;
  /** What the caption says after the title, such as the models shown. */
  description?: string;
}

export function latexInclude({name, title, description}: LatexFigure): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`figure name: ${name}`);
  const caption = description ? `${escapeLatex(title)}. ${escapeLatex(description)}` : escapeLatex(title);
  return [
    `% Needs \\usepackage{graphicx}. Keep ${name}.pdf beside the paper or in a folder named by \\graphicspath.`,
    "\\begin{figure}[htbp]",
    "  \\centering",
    `  \\includegraphics[width=\\linewidth]{${name}.pdf}`,
    `  \\caption[${escapeLatex(title)}]{${caption}}`,
    `  \\label{fig:${name}}`,
    "\\end{figure}",
    ""
  ].join("\n");
}

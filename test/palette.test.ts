import {lab, rgb} from "d3";
import {expect, it} from "vitest";
import {ACCESSIBLE, REFERENCE, paletteNamed} from "../src/components/palette.ts";

// Colour-vision deficiency simulation matrices (Machado, Oliveira and Fernandes, 2009, severity
// 1.0), applied to linear RGB.
const SIMULATIONS: Record<string, number[][]> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]]
};

const toLinear = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fromLinear = (c: number) => {
  c = Math.min(1, Math.max(0, c));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
};

function simulate(hex: string, matrix: number[][]): string {
  const {r, g, b} = rgb(hex);
  const v = [toLinear(r), toLinear(g), toLinear(b)];
  const [R, G, B] = matrix.map((row) => fromLinear(row[0] * v[0] + row[1] * v[1] + row[2] * v[2]));
  return rgb(R, G, B).formatHex();
}

// CIE76 colour difference: about 2.3 is barely noticeable; 25 and more reads as different colours.
function deltaE(a: string, b: string): number {
  const x = lab(a);
  const y = lab(b);
  return Math.hypot(x.l - y.l, x.a - y.a, x.b - y.b);
}

function smallestDifference(colors: readonly string[], matrix?: number[][]): number {
  const seen = matrix ? colors.map((c) => simulate(c, matrix)) : colors;
  let min = Infinity;
  for (let i = 0; i < seen.length; i++) {
    for (let j = i + 1; j < seen.length; j++) min = Math.min(min, deltaE(seen[i], seen[j]));
  }
  return min;
}

it("simulate leaves grey unchanged and turns red and green alike under deuteranopia", () => {
  expect(simulate("#808080", SIMULATIONS.deuteranopia)).toBe("#808080");
  expect(deltaE(simulate("#cc3333", SIMULATIONS.deuteranopia), simulate("#339933", SIMULATIONS.deuteranopia))).toBeLessThan(
    deltaE("#cc3333", "#339933") / 2
  );
});

for (const [name, matrix] of Object.entries(SIMULATIONS)) {
  it(`the accessible palette keeps every pair of token types apart under ${name}`, () => {
    expect(smallestDifference(ACCESSIBLE.colors, matrix)).toBeGreaterThan(25);
  });
}

it("the accessible palette keeps every pair apart for typical colour vision", () => {
  expect(smallestDifference(ACCESSIBLE.colors)).toBeGreaterThan(25);
});

it("the reference palette is the reference implementation's colours, and fails the check", () => {
  expect(REFERENCE.colors).toEqual(["#4C78A8", "#72B7B2", "#E45756", "#F58518"]);
  expect(smallestDifference(REFERENCE.colors, SIMULATIONS.tritanopia)).toBeLessThan(25);
});

it("paletteNamed rejects an unknown name", () => {
  expect(() => paletteNamed("rainbow")).toThrow(/unknown palette: rainbow/);
});

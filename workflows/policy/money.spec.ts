import { fenToYuan, formatYuan, isWholeFen, MAX_MONEY_FEN, MAX_MONEY_YUAN, yuan, yuanToFen } from './money';

describe('money', () => {
  it('converts CNY to whole fen, rounding away the float error of two decimals', () => {
    expect(yuanToFen(0.01)).toBe(1);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen(1234.56)).toBe(123456);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
  });

  it('converts fen, also a bigint column read as text, to CNY', () => {
    expect(fenToYuan(123456)).toBe(1234.56);
    expect(fenToYuan('500000')).toBe(5000);
    expect(fenToYuan(0)).toBe(0);
  });

  it('round-trips every fen amount up to the ceiling exactly', () => {
    for (const fen of [1, 99, 100, 123_456_789, MAX_MONEY_FEN - 1, MAX_MONEY_FEN]) {
      expect(yuanToFen(fenToYuan(fen))).toBe(fen);
    }
  });

  it('formats fen as CNY with two decimals, with or without the currency', () => {
    expect(formatYuan(123450)).toBe('1234.50');
    expect(formatYuan('7')).toBe('0.07');
    expect(yuan(800000)).toBe('8000.00 CNY');
  });

  it('tells whole fen from amounts with a third decimal', () => {
    expect(isWholeFen(1234.56)).toBe(true);
    expect(isWholeFen(0.1 + 0.2)).toBe(true);
    expect(isWholeFen(1.005)).toBe(false);
    expect(isWholeFen(10)).toBe(true);
  });

  it('keeps the ceiling in fen inside the integers a number holds exactly', () => {
    expect(MAX_MONEY_FEN).toBe(MAX_MONEY_YUAN * 100);
    expect(Number.isSafeInteger(MAX_MONEY_FEN * 1000)).toBe(true);
  });
});

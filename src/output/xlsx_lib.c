/*
 * xlsx_lib.c — the libxlsxwriter functions output_xlsx.c uses, through the
 * library opened on first use (xlsx_lib.h).
 */
#include "output/xlsx_lib.h"

#include <xlsxwriter.h>

#include "util/lazy_forward.h"
#include "util/lazy_lib.h"

FORWARD_VOID(format_set_align, (lxw_format *format, uint8_t alignment), (format, alignment))
FORWARD_VOID(format_set_bg_color, (lxw_format *format, lxw_color_t color), (format, color))
FORWARD_VOID(format_set_bold, (lxw_format *format), (format))
FORWARD_VOID(format_set_border, (lxw_format *format, uint8_t style), (format, style))
FORWARD_VOID(format_set_font_color, (lxw_format *format, lxw_color_t color), (format, color))
FORWARD_VOID(format_set_font_size, (lxw_format *format, double size), (format, size))
FORWARD_VOID(format_set_italic, (lxw_format *format), (format))
FORWARD_VOID(format_set_num_format, (lxw_format *format, const char *num_format), (format, num_format))
FORWARD_VOID(format_set_text_wrap, (lxw_format *format), (format))
FORWARD_VOID(format_set_underline, (lxw_format *format, uint8_t style), (format, style))
FORWARD_VOID(lxw_col_to_name, (char *col_name, lxw_col_t col_num, uint8_t absolute), (col_name, col_num, absolute))
FORWARD_VOID(lxw_rowcol_to_cell, (char *cell_name, lxw_row_t row, lxw_col_t col), (cell_name, row, col))
FORWARD(char *, lxw_strerror, (lxw_error error_num), (error_num))
FORWARD(lxw_format *, workbook_add_format, (lxw_workbook *workbook), (workbook))
FORWARD(lxw_worksheet *, workbook_add_worksheet, (lxw_workbook *workbook, const char *sheetname), (workbook, sheetname))
FORWARD(lxw_error, workbook_close, (lxw_workbook *workbook), (workbook))
FORWARD(lxw_workbook *, workbook_new_opt, (const char *filename, lxw_workbook_options *options), (filename, options))
FORWARD(lxw_error, workbook_set_properties, (lxw_workbook *workbook, lxw_doc_properties *properties), (workbook, properties))
FORWARD(lxw_error, worksheet_autofilter,
        (lxw_worksheet *worksheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col),
        (worksheet, first_row, first_col, last_row, last_col))
FORWARD(lxw_error, worksheet_conditional_format_range,
        (lxw_worksheet *worksheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col,
         lxw_conditional_format *conditional_format),
        (worksheet, first_row, first_col, last_row, last_col, conditional_format))
FORWARD(lxw_error, worksheet_data_validation_range,
        (lxw_worksheet *worksheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col,
         lxw_data_validation *validation),
        (worksheet, first_row, first_col, last_row, last_col, validation))
FORWARD_VOID(worksheet_fit_to_pages, (lxw_worksheet *worksheet, uint16_t width, uint16_t height), (worksheet, width, height))
FORWARD_VOID(worksheet_freeze_panes, (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col), (worksheet, row, col))
FORWARD(lxw_error, worksheet_set_column,
        (lxw_worksheet *worksheet, lxw_col_t first_col, lxw_col_t last_col, double width, lxw_format *format),
        (worksheet, first_col, last_col, width, format))
FORWARD_VOID(worksheet_set_landscape, (lxw_worksheet *worksheet), (worksheet))
FORWARD_VOID(worksheet_set_paper, (lxw_worksheet *worksheet, uint8_t paper_type), (worksheet, paper_type))
FORWARD(lxw_error, worksheet_write_formula_num,
        (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *formula, lxw_format *format, double result),
        (worksheet, row, col, formula, format, result))
FORWARD(lxw_error, worksheet_write_formula_str,
        (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *formula, lxw_format *format,
         const char *result),
        (worksheet, row, col, formula, format, result))
FORWARD(lxw_error, worksheet_write_number,
        (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, double number, lxw_format *format),
        (worksheet, row, col, number, format))
FORWARD(lxw_error, worksheet_write_string,
        (lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string, lxw_format *format),
        (worksheet, row, col, string, format))
FORWARD(lxw_error, worksheet_write_url_opt,
        (lxw_worksheet *worksheet, lxw_row_t row_num, lxw_col_t col_num, const char *url, lxw_format *format,
         const char *string, const char *tooltip),
        (worksheet, row_num, col_num, url, format, string, tooltip))

int xlsx_lib_load(char *err, size_t errlen)
{
    static lazy_lib libxlsxwriter = LAZY_LIB(LIBXLSXWRITER_SONAME);
    static const lazy_symbol symbols[] = {
        SYMBOL(format_set_align), SYMBOL(format_set_bg_color), SYMBOL(format_set_bold),
        SYMBOL(format_set_border), SYMBOL(format_set_font_color), SYMBOL(format_set_font_size),
        SYMBOL(format_set_italic), SYMBOL(format_set_num_format), SYMBOL(format_set_text_wrap),
        SYMBOL(format_set_underline), SYMBOL(lxw_col_to_name), SYMBOL(lxw_rowcol_to_cell),
        SYMBOL(lxw_strerror), SYMBOL(workbook_add_format), SYMBOL(workbook_add_worksheet),
        SYMBOL(workbook_close), SYMBOL(workbook_new_opt), SYMBOL(workbook_set_properties),
        SYMBOL(worksheet_autofilter), SYMBOL(worksheet_conditional_format_range),
        SYMBOL(worksheet_data_validation_range), SYMBOL(worksheet_fit_to_pages), SYMBOL(worksheet_freeze_panes),
        SYMBOL(worksheet_set_column), SYMBOL(worksheet_set_landscape), SYMBOL(worksheet_set_paper),
        SYMBOL(worksheet_write_formula_num), SYMBOL(worksheet_write_formula_str), SYMBOL(worksheet_write_number),
        SYMBOL(worksheet_write_string), SYMBOL(worksheet_write_url_opt),
    };
    return lazy_lib_load(&libxlsxwriter, symbols, sizeof symbols / sizeof symbols[0], err, errlen);
}
